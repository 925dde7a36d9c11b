package dev.freeway.gateway.secrets.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MasterKeyTest {
    @TempDir
    Path dir;

    @Test
    void the_environment_variable_wins_and_no_key_file_is_written() {
        String encoded = Base64.getEncoder().encodeToString(new byte[32]);
        Path keyFile = dir.resolve("master.key");

        MasterKey key = MasterKey.find(Map.of(MasterKey.ENV, encoded), keyFile).orElseThrow();

        assertThat(key.origin()).isEqualTo(MasterKey.ENV);
        // SHA-256 of 32 zero bytes starts with 66687aad.
        assertThat(key.id()).isEqualTo("66687aad");
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void an_environment_value_that_is_not_32_bytes_of_base64_is_refused_without_echoing_it() {
        String tooShort = Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> MasterKey.find(Map.of(MasterKey.ENV, tooShort), dir.resolve("k")))
                .isInstanceOf(LocalStoreException.class)
                .hasMessageContaining("FREEWAY_MASTER_KEY: decodes to 16 bytes")
                .hasMessageNotContaining(tooShort);
        assertThatThrownBy(() -> MasterKey.find(Map.of(MasterKey.ENV, "not base64 at all!"), dir.resolve("k")))
                .isInstanceOf(LocalStoreException.class)
                .hasMessageContaining("FREEWAY_MASTER_KEY: not valid base64")
                .hasMessageNotContaining("not base64 at all");
    }

    @Test
    void nothing_is_generated_when_neither_source_exists() {
        assertThat(MasterKey.find(Map.of(), dir.resolve("master.key"))).isEmpty();
        assertThat(dir.resolve("master.key")).doesNotExist();
    }

    @Test
    void a_created_key_file_is_0600_in_a_0700_directory_and_reads_back_as_the_same_key() throws IOException {
        Path keyFile = dir.resolve("home/.freeway/master.key");

        MasterKey created = MasterKey.createIn(keyFile);
        MasterKey found = MasterKey.find(Map.of(), keyFile).orElseThrow();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())))
                .isEqualTo("rwx------");
        assertThat(found.id()).isEqualTo(created.id());
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip()))
                .hasSize(32);
    }

    @Test
    void a_second_creator_uses_the_key_the_first_one_wrote() {
        Path keyFile = dir.resolve("master.key");

        MasterKey first = MasterKey.createIn(keyFile);
        MasterKey second = MasterKey.createIn(keyFile);

        assertThat(second.id()).isEqualTo(first.id());
    }

    @Test
    void a_key_file_readable_by_others_is_refused_with_the_fix() throws IOException {
        Path keyFile = dir.resolve("master.key");
        MasterKey.createIn(keyFile);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> MasterKey.find(Map.of(), keyFile))
                .isInstanceOf(LocalStoreException.class)
                .hasMessageContaining("mode 0644")
                .hasMessageContaining("chmod 600 " + keyFile);
    }

    @Test
    void its_string_form_shows_the_id_and_origin_only() throws IOException {
        Path keyFile = dir.resolve("master.key");
        MasterKey key = MasterKey.createIn(keyFile);
        String encoded = Files.readString(keyFile).strip();

        assertThat(key.toString()).isEqualTo("MasterKey[id=" + key.id() + ", from " + keyFile + "]");
        assertThat(key.toString()).doesNotContain(encoded);
    }
}
