package dev.freeway.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeysCommandTest {
    private static final String GROQ_KEY = "gsk_live_3f9c2a7b5d1e8f604a2c9e7b1d3fabcd";

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private String config;
    private String stdout;
    private String stderr;

    @BeforeEach
    void writeConfig() throws IOException {
        Path file = dir.resolve("freeway.yaml");
        Files.writeString(file, """
                secrets:
                  source: local
                  local:
                    file: %s
                    master_key_file: %s
                """.formatted(dir.resolve("store/keys.enc"), dir.resolve("store/master.key")));
        config = file.toString();
    }

    @Test
    void add_reads_the_key_from_stdin_and_list_shows_only_its_last_four_characters() {
        int added = run(GROQ_KEY + "\n", "add", "groq", "--config", config, "--project", "team-a");

        assertThat(added).isZero();
        assertThat(stdout).contains("added groq key 0 (…abcd)");
        assertThat(stderr).contains("created the master key " + dir.resolve("store/master.key"));

        int listed = run("", "list", "--config", config);

        assertThat(listed).isZero();
        assertThat(stdout)
                .contains("PROVIDER")
                .contains("groq")
                .contains("…abcd")
                .contains("team-a");
        assertThat(stdout + stderr).doesNotContain(GROQ_KEY).doesNotContain(GROQ_KEY.substring(0, 20));
    }

    @Test
    void remove_by_last_four_takes_the_key_out_of_the_store() {
        run(GROQ_KEY, "add", "groq", "--config", config);
        run("gsk_other_key_0000000000001111", "add", "groq", "--config", config);

        int removed = run("", "--config", config, "remove", "groq", "abcd");

        assertThat(removed).isZero();
        assertThat(stdout).contains("removed groq key 0 (…abcd)");
        run("", "list", "--config", config);
        assertThat(stdout).contains("…1111").doesNotContain("…abcd");
    }

    @Test
    void removing_a_key_that_is_not_there_exits_1() {
        run(GROQ_KEY, "add", "groq", "--config", config);

        assertThat(run("", "remove", "groq", "zzzz", "--config", config)).isEqualTo(1);
        assertThat(stderr).contains("no groq key matches");
    }

    @Test
    void an_unknown_provider_is_refused_with_the_known_ids_unless_forced() {
        int refused = run(GROQ_KEY, "add", "grok", "--config", config);

        assertThat(refused).isEqualTo(2);
        assertThat(stderr).contains("unknown provider 'grok'").contains("groq").contains("--force");
        assertThat(run(GROQ_KEY, "add", "grok", "--force", "--config", config)).isZero();
    }

    @Test
    void a_key_given_on_the_command_line_is_refused_and_not_echoed() {
        int exit = run("", "add", "groq", GROQ_KEY, "--config", config);

        assertThat(exit).isEqualTo(2);
        assertThat(stderr).contains("read from standard input").doesNotContain(GROQ_KEY);
        assertThat(dir.resolve("store/keys.enc")).doesNotExist();
    }

    @Test
    void empty_stdin_exits_1_and_stores_nothing() {
        assertThat(run("  \n", "add", "groq", "--config", config)).isEqualTo(1);
        assertThat(stderr).contains("no key on standard input");
        assertThat(dir.resolve("store/keys.enc")).doesNotExist();
    }

    @Test
    void a_wrong_master_key_exits_1_with_the_clear_message() {
        env.put("FREEWAY_MASTER_KEY", newMasterKey());
        run(GROQ_KEY, "add", "groq", "--config", config);
        env.put("FREEWAY_MASTER_KEY", newMasterKey());

        int exit = run("", "list", "--config", config);

        assertThat(exit).isEqualTo(1);
        assertThat(stderr)
                .contains("the key store " + dir.resolve("store/keys.enc")
                        + " cannot be opened with this master key (FREEWAY_MASTER_KEY or "
                        + dir.resolve("store/master.key") + ")");
    }

    @Test
    void a_wrong_command_line_exits_2_with_the_usage() {
        assertThat(run("", "--config", config)).isEqualTo(2);
        assertThat(stderr).contains("usage:");
        assertThat(run("", "rotate", "--config", config)).isEqualTo(2);
        assertThat(run("", "list", "--colour", "--config", config)).isEqualTo(2);
        assertThat(run("", "remove", "groq", "--config", config)).isEqualTo(2);
    }

    @Test
    void warns_when_the_config_does_not_read_the_local_store() throws IOException {
        Path file = dir.resolve("vault.yaml");
        Files.writeString(file, Files.readString(Path.of(config)).replace("source: local", "source: none"));

        assertThat(run(GROQ_KEY, "add", "groq", "--config", file.toString())).isZero();
        assertThat(stderr).contains("does not read this store");
    }

    private int run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new KeysCommand(
                        env,
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        null,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return exit;
    }

    private static String newMasterKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
