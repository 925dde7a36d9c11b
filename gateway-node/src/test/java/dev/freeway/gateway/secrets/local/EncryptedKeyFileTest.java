package dev.freeway.gateway.secrets.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.freeway.gateway.config.KeyConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EncryptedKeyFileTest {
    private static final Instant ADDED = Instant.parse("2026-05-01T10:00:00Z");
    private static final String HINT = "FREEWAY_MASTER_KEY or /keys/master.key";

    @TempDir
    Path dir;

    @Test
    void the_file_holds_no_part_of_a_key_in_the_clear() throws IOException {
        String canary = "sk-canary-" + HexFormat.of().formatHex(randomBytes(24));
        Path file = dir.resolve("keys.enc");
        new EncryptedKeyFile(file, HINT).write(masterKey(), state(Map.of("groq", List.of(key(canary)))));

        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain(canary);
        for (int i = 0; i + 8 <= canary.length(); i++) {
            assertThat(raw).doesNotContain(canary.substring(i, i + 8));
        }
        assertThat(raw).doesNotContain("groq");
    }

    @Test
    void reads_back_what_it_wrote() {
        MasterKey key = masterKey();
        EncryptedKeyFile file = new EncryptedKeyFile(dir.resolve("keys.enc"), HINT);
        StoredKey cloudflare = StoredKey.of(new KeyConfig("cf-token-0000000000001234", "acct-1", "proj-9"), ADDED);
        StoreState written = new StoreState(
                7,
                Map.of(
                        "groq",
                        List.of(key("gsk_first_key_00000001"), key("gsk_second_key_0000002")),
                        "cloudflare",
                        List.of(cloudflare)));

        file.write(key, written);
        StoreState read = file.read(key);

        assertThat(read.revision()).isEqualTo(7);
        assertThat(read.providers()).containsOnlyKeys("cloudflare", "groq");
        assertThat(read.keys("groq"))
                .extracting(k -> k.secret().reveal())
                .containsExactly("gsk_first_key_00000001", "gsk_second_key_0000002");
        StoredKey back = read.keys("cloudflare").get(0);
        assertThat(back.account()).isEqualTo("acct-1");
        assertThat(back.project()).isEqualTo("proj-9");
        assertThat(back.addedAt()).isEqualTo(ADDED);
    }

    @Test
    void a_missing_file_is_an_empty_store() {
        StoreState read = new EncryptedKeyFile(dir.resolve("absent.enc"), HINT).read(masterKey());

        assertThat(read.providers()).isEmpty();
        assertThat(read.revision()).isZero();
    }

    @Test
    void a_wrong_master_key_is_named_before_decryption_and_the_file_is_untouched() throws IOException {
        Path path = dir.resolve("keys.enc");
        EncryptedKeyFile file = new EncryptedKeyFile(path, HINT);
        file.write(masterKey(), state(Map.of("groq", List.of(key("gsk_some_key_00000001")))));
        byte[] before = Files.readAllBytes(path);

        assertThatThrownBy(() -> file.read(masterKey()))
                .isInstanceOf(LocalStoreException.class)
                .hasMessageStartingWith(
                        "the key store " + path + " cannot be opened with this master key (" + HINT + ")")
                .hasMessageContaining("written with master key");
        assertThat(Files.readAllBytes(path)).isEqualTo(before);
    }

    @Test
    void a_modified_file_fails_authentication_instead_of_reading_as_empty() throws IOException {
        MasterKey key = masterKey();
        Path path = dir.resolve("keys.enc");
        EncryptedKeyFile file = new EncryptedKeyFile(path, HINT);
        file.write(key, state(Map.of("groq", List.of(key("gsk_some_key_00000001")))));
        byte[] bytes = Files.readAllBytes(path);
        bytes[bytes.length - 20] ^= 1;
        Files.write(path, bytes);

        assertThatThrownBy(() -> file.read(key))
                .isInstanceOf(LocalStoreException.class)
                .hasMessageContaining("cannot be opened with this master key")
                .hasMessageContaining("the file was modified");
    }

    @Test
    void the_header_is_authenticated_so_the_revision_cannot_be_rolled_back() throws IOException {
        MasterKey key = masterKey();
        Path path = dir.resolve("keys.enc");
        EncryptedKeyFile file = new EncryptedKeyFile(path, HINT);
        file.write(key, new StoreState(12, Map.of("groq", List.of(key("gsk_some_key_00000001")))));
        String raw = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        Files.write(path, raw.replace("\"revision\":12", "\"revision\":11").getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> file.read(key)).isInstanceOf(LocalStoreException.class);
    }

    @Test
    void a_file_that_is_not_a_store_is_an_error_not_an_empty_store() throws IOException {
        Path path = dir.resolve("keys.enc");
        Files.write(path, randomBytes(300));

        assertThatThrownBy(() -> new EncryptedKeyFile(path, HINT).read(masterKey()))
                .isInstanceOf(LocalStoreException.class)
                .hasMessageContaining("is not a Freeway key store");
    }

    @Test
    void writes_the_store_readable_by_its_owner_only() throws IOException {
        Path path = dir.resolve("nested/dir/keys.enc");
        new EncryptedKeyFile(path, HINT).write(masterKey(), state(Map.of("groq", List.of(key("gsk_key_000000001")))));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void a_write_that_dies_before_the_rename_leaves_the_old_store_intact() throws IOException {
        MasterKey key = masterKey();
        Path path = dir.resolve("keys.enc");
        new EncryptedKeyFile(path, HINT).write(key, state(Map.of("groq", List.of(key("gsk_old_key_000000001")))));
        byte[] before = Files.readAllBytes(path);
        EncryptedKeyFile crashing = new EncryptedKeyFile(path, HINT, (from, to) -> {
            throw new IOException("simulated crash before the rename");
        });

        assertThatThrownBy(() -> crashing.write(key, state(Map.of("groq", List.of(key("gsk_new_key_000000002"))))))
                .isInstanceOf(LocalStoreException.class)
                .hasMessageContaining("it is unchanged");

        assertThat(Files.readAllBytes(path)).isEqualTo(before);
        assertThat(new EncryptedKeyFile(path, HINT).read(key).keys("groq"))
                .extracting(k -> k.secret().reveal())
                .containsExactly("gsk_old_key_000000001");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(path);
        }
    }

    @Test
    void every_write_uses_a_fresh_nonce() throws IOException {
        MasterKey key = masterKey();
        Path path = dir.resolve("keys.enc");
        EncryptedKeyFile file = new EncryptedKeyFile(path, HINT);
        StoreState same = state(Map.of("groq", List.of(key("gsk_key_000000001"))));

        file.write(key, same);
        byte[] first = Files.readAllBytes(path);
        file.write(key, same);

        assertThat(Files.readAllBytes(path)).isNotEqualTo(first);
    }

    static MasterKey masterKey() {
        String encoded = Base64.getEncoder().encodeToString(randomBytes(32));
        return MasterKey.find(Map.of(MasterKey.ENV, encoded), Path.of("unused")).orElseThrow();
    }

    private static StoreState state(Map<String, List<StoredKey>> keys) {
        return new StoreState(1, keys);
    }

    private static StoredKey key(String value) {
        return StoredKey.of(KeyConfig.of(value), ADDED);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
