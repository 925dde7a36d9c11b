package dev.freeway.gateway.secrets.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.LocalStoreConfig;
import dev.freeway.gateway.secrets.KeySnapshot;
import dev.freeway.gateway.secrets.KeySourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LocalKeySourceTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = Map.of(MasterKey.ENV, newMasterKey());

    @Test
    void adds_lists_and_serves_keys_with_their_labels() throws KeySourceException {
        LocalKeySource store = open(env);

        KeyEntry first = store.add("groq", KeyConfig.of("gsk_first_0000000000aaaa"));
        KeyEntry second = store.add("groq", new KeyConfig("gsk_second_000000000bbbb", null, "team-a"));
        store.add("cloudflare", new KeyConfig("cf_token_0000000000cccc", "acct-7", null));

        assertThat(first.index()).isZero();
        assertThat(second.index()).isEqualTo(1);
        assertThat(store.list()).containsOnlyKeys("cloudflare", "groq");
        assertThat(store.list().get("groq")).extracting(StoredKey::masked).containsExactly("…aaaa", "…bbbb");
        KeySnapshot snapshot = store.fetch();
        assertThat(snapshot.version()).isEqualTo("3");
        assertThat(snapshot.keys("groq"))
                .containsExactly(
                        new KeyConfig("gsk_first_0000000000aaaa", null, null),
                        new KeyConfig("gsk_second_000000000bbbb", null, "team-a"));
        assertThat(snapshot.keys("cloudflare"))
                .containsExactly(new KeyConfig("cf_token_0000000000cccc", "acct-7", null));
    }

    @Test
    void an_empty_store_serves_no_keys_at_revision_0() throws KeySourceException {
        KeySnapshot snapshot = open(env).fetch();

        assertThat(snapshot.keys()).isEmpty();
        assertThat(snapshot.version()).isEqualTo("0");
    }

    @Test
    void removes_by_index_or_by_last_four_characters() {
        LocalKeySource store = open(env);
        store.add("groq", KeyConfig.of("gsk_first_0000000000aaaa"));
        store.add("groq", KeyConfig.of("gsk_second_000000000bbbb"));
        store.add("groq", KeyConfig.of("gsk_third_0000000000cccc"));

        assertThat(store.remove("groq", "…bbbb"))
                .get()
                .extracting(KeyEntry::index)
                .isEqualTo(1);
        assertThat(store.remove("groq", "0"))
                .get()
                .extracting(e -> e.key().masked())
                .isEqualTo("…aaaa");

        assertThat(store.list().get("groq")).extracting(StoredKey::masked).containsExactly("…cccc");
        assertThat(store.remove("groq", "cccc")).isPresent();
        assertThat(store.list()).doesNotContainKey("groq");
    }

    @Test
    void removing_a_key_that_is_not_there_changes_nothing() throws KeySourceException {
        LocalKeySource store = open(env);
        store.add("groq", KeyConfig.of("gsk_first_0000000000aaaa"));

        assertThat(store.remove("groq", "zzzz")).isEmpty();
        assertThat(store.remove("groq", "5")).isEmpty();
        assertThat(store.remove("mistral", "0")).isEmpty();
        assertThat(store.fetch().version()).isEqualTo("1");
    }

    @Test
    void refuses_a_last_four_that_matches_two_keys() {
        LocalKeySource store = open(env);
        store.add("groq", KeyConfig.of("gsk_first_0000000000abcd"));
        store.add("groq", KeyConfig.of("gsk_second_000000000abcd"));

        assertThatThrownBy(() -> store.remove("groq", "abcd"))
                .isInstanceOfSatisfying(
                        KeyChangeRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(KeyChangeRefused.Reason.AMBIGUOUS))
                .hasMessageContaining("remove it by index");
        assertThat(store.list().get("groq")).hasSize(2);
    }

    @Test
    void refuses_the_same_key_twice_for_a_provider() {
        LocalKeySource store = open(env);
        store.add("groq", KeyConfig.of("gsk_first_0000000000aaaa"));

        assertThatThrownBy(() -> store.add("groq", KeyConfig.of("gsk_first_0000000000aaaa")))
                .isInstanceOfSatisfying(
                        KeyChangeRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(KeyChangeRefused.Reason.DUPLICATE))
                .hasMessageNotContaining("gsk_first");
    }

    @Test
    void refuses_a_key_that_would_break_a_header_without_quoting_it() {
        LocalKeySource store = open(env);

        assertThatThrownBy(() -> store.add("groq", KeyConfig.of("gsk_line\r\nX-Injected: yes")))
                .isInstanceOfSatisfying(
                        KeyChangeRefused.class, e -> assertThat(e.reason()).isEqualTo(KeyChangeRefused.Reason.INVALID))
                .hasMessageNotContaining("gsk_line");
        assertThatThrownBy(() -> store.add("../etc", KeyConfig.of("gsk_fine_key_000000001")))
                .isInstanceOf(KeyChangeRefused.class);
        assertThat(dir.resolve("keys.enc")).doesNotExist();
    }

    @Test
    void fetch_picks_up_a_key_another_process_added_without_a_restart() throws KeySourceException {
        LocalKeySource node = open(env);
        LocalKeySource command = open(env);
        command.add("groq", KeyConfig.of("gsk_first_0000000000aaaa"));
        KeySnapshot before = node.fetch();

        command.add("groq", KeyConfig.of("gsk_rotated_00000000bbbb"));
        KeySnapshot after = node.fetch();

        assertThat(before.keys("groq")).hasSize(1);
        assertThat(after.keys("groq")).extracting(KeyConfig::value).endsWith("gsk_rotated_00000000bbbb");
        assertThat(after.version()).isEqualTo("2");
    }

    @Test
    void fetch_does_not_decrypt_again_while_the_file_is_unchanged() throws KeySourceException {
        LocalKeySource store = open(env);
        store.add("groq", KeyConfig.of("gsk_first_0000000000aaaa"));

        assertThat(store.fetch()).isSameAs(store.fetch());
    }

    @Test
    void a_store_removed_while_in_use_is_a_failure_not_an_empty_key_set() throws IOException, KeySourceException {
        LocalKeySource store = open(env);
        store.add("groq", KeyConfig.of("gsk_first_0000000000aaaa"));
        store.fetch();

        Files.delete(dir.resolve("keys.enc"));

        assertThatThrownBy(store::fetch)
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("was removed while in use");
    }

    @Test
    void a_node_started_before_any_master_key_existed_reads_the_store_a_later_add_created() throws KeySourceException {
        LocalKeySource node = open(Map.of());
        assertThat(node.fetch().keys()).isEmpty();

        open(Map.of()).add("groq", KeyConfig.of("gsk_first_0000000000aaaa"));

        assertThat(node.fetch().keys("groq")).hasSize(1);
    }

    @Test
    void the_first_add_without_a_master_key_generates_one_readable_by_its_owner_only() throws IOException {
        open(Map.of()).add("groq", KeyConfig.of("gsk_first_0000000000aaaa"));

        Path keyFile = dir.resolve("master.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(open(Map.of()).list().get("groq")).hasSize(1);
    }

    @Test
    void a_wrong_master_key_fails_every_operation_with_the_clear_message_and_changes_nothing() throws IOException {
        open(env).add("groq", KeyConfig.of("gsk_first_0000000000aaaa"));
        Path file = dir.resolve("keys.enc");
        byte[] before = Files.readAllBytes(file);
        LocalKeySource wrong = open(Map.of(MasterKey.ENV, newMasterKey()));
        String expected = "the key store " + file + " cannot be opened with this master key (FREEWAY_MASTER_KEY or "
                + dir.resolve("master.key") + ")";

        assertThatThrownBy(() -> wrong.add("groq", KeyConfig.of("gsk_second_000000000bbbb")))
                .isInstanceOf(LocalStoreException.class)
                .hasMessageStartingWith(expected);
        assertThatThrownBy(() -> wrong.remove("groq", "0")).hasMessageStartingWith(expected);
        assertThatThrownBy(wrong::list).hasMessageStartingWith(expected);
        assertThatThrownBy(wrong::fetch).isInstanceOf(KeySourceException.class).hasMessageStartingWith(expected);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void a_store_whose_master_key_is_missing_is_an_error_and_no_new_key_replaces_it() throws IOException {
        open(Map.of()).add("groq", KeyConfig.of("gsk_first_0000000000aaaa"));
        Path keyFile = dir.resolve("master.key");
        Files.move(keyFile, dir.resolve("master.key.backup"));

        LocalKeySource store = open(Map.of());

        assertThatThrownBy(() -> store.add("groq", KeyConfig.of("gsk_second_000000000bbbb")))
                .isInstanceOf(LocalStoreException.class)
                .hasMessageContaining("exists but there is no master key")
                .hasMessageContaining("restore " + keyFile);
        assertThat(keyFile).doesNotExist();
    }

    private LocalKeySource open(Map<String, String> env) {
        LocalStoreConfig config = new LocalStoreConfig(
                dir.resolve("keys.enc").toString(), dir.resolve("master.key").toString(), null);
        return LocalKeySource.open(config, env);
    }

    private static String newMasterKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
