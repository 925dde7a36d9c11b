package dev.freeway.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KnownSecretsTest {
    // The registry is process-wide: each test registers fresh values and forgets them afterwards.
    private final List<String> registered = new ArrayList<>();

    @AfterEach
    void forgetRegistered() {
        registered.forEach(KnownSecrets::forget);
    }

    private String registerNew(String prefix) {
        String value = prefix + UUID.randomUUID().toString().replace("-", "");
        assertThat(KnownSecrets.register(value)).isTrue();
        registered.add(value);
        return value;
    }

    @Test
    void masks_every_occurrence_of_a_registered_value() {
        String key = registerNew("gsk_");

        assertThat(KnownSecrets.mask("key " + key + " failed; retried " + key + "."))
                .isEqualTo("key [redacted] failed; retried [redacted].");
    }

    @Test
    void stops_masking_a_forgotten_value() {
        String key = registerNew("csk-");
        KnownSecrets.forget(key);

        assertThat(KnownSecrets.mask("rotated out " + key)).isEqualTo("rotated out " + key);
    }

    @Test
    void ignores_null_and_values_shorter_than_eight_characters() {
        assertThat(KnownSecrets.register("1234567")).isFalse();
        assertThat(KnownSecrets.register(null)).isFalse();

        assertThat(KnownSecrets.mask("pin 1234567 accepted")).isEqualTo("pin 1234567 accepted");
    }

    @Test
    void masks_a_value_that_contains_another_registered_value_whole() {
        String inner = registerNew("inner");
        String outer = registerNew("outer-" + inner);

        assertThat(KnownSecrets.mask("using " + outer)).isEqualTo("using [redacted]");
    }

    @Test
    void registering_twice_and_forgetting_once_unmasks() {
        String key = registerNew("twice-");
        KnownSecrets.register(key);
        KnownSecrets.forget(key);

        assertThat(KnownSecrets.mask(key)).isEqualTo(key);
    }

    @Test
    void returns_ordinary_text_itself_without_copying() {
        String line = "admitted groq/llama-3.3-70b for team alpha in 3 ms (penalty 0.0)";

        assertThat(KnownSecrets.mask(line)).isSameAs(line);
        assertThat(KnownSecrets.mask(null)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Authorization: Bearer sk-abc.def-123          | Authorization: Bearer [redacted]
            authorization=Basic dXNlcjpwYXNz, next=1      | authorization=Basic [redacted], next=1
            Proxy-Authorization: opaque-credential        | Proxy-Authorization: [redacted]
            x-api-key: sk-ant-api03-xyz trailing          | x-api-key: [redacted] trailing
            X-Goog-Api-Key:AIzaSyExample                  | X-Goog-Api-Key:[redacted]
            {api-key=azure-key-1234, region=eu}           | {api-key=[redacted], region=eu}
            X-Vault-Token: hvs.CAESIExample               | X-Vault-Token: [redacted]
            call failed: Bearer eyJhbGciOi.eyJzdWIi.sig_x | call failed: Bearer [redacted]
            GET /v1beta/models?key=AIzaSyExample&alt=sse  | GET /v1beta/models?key=[redacted]&alt=sse
            GET /x?alt=sse&key=AIzaSyExample              | GET /x?alt=sse&key=[redacted]
            GET /x?api_key=abc123#frag                    | GET /x?api_key=[redacted]#frag
            `{"api_key":"sk-1","model":"m"}`              | `{"api_key":"[redacted]","model":"m"}`
            `{"apiKey" : "a \\" quoted b"}`               | `{"apiKey" : "[redacted]"}`
            `{"password":"hunter22","user":"u"}`          | `{"password":"[redacted]","user":"u"}`
            `{'api_key': 'sk-2'}`                         | `{'api_key': '[redacted]'}`
            """)
    void masks_credentials_by_their_shape(String line, String expected) {
        assertThat(KnownSecrets.mask(line)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            authorization failed for team alpha
            missing x-api-key header
            completion_tokens=12 prompt_tokens=40
            keys reloaded from vault (version 7)
            GET /v1/models?monkey=1
            """)
    void leaves_lines_that_only_mention_credentials_alone(String line) {
        assertThat(KnownSecrets.mask(line)).isEqualTo(line);
    }

    @Test
    void masking_twice_changes_nothing_more() {
        String key = registerNew("twice-mask-");
        String line = "Authorization: Bearer " + key + " x-api-key: abc ?key=def {\"token\":\"ghi\"} Bearer jkl";

        String once = KnownSecrets.mask(line);

        assertThat(once).doesNotContain(key, "abc", "def", "ghi", "jkl");
        assertThat(KnownSecrets.mask(once)).isEqualTo(once);
    }

    @Test
    void escapes_line_breaks_so_a_message_stays_one_line() {
        String forged = "user=bob\r\n12:00:00.000 INFO  [main] admin - granted\u2028more";

        assertThat(KnownSecrets.mask(forged))
                .isEqualTo("user=bob\\r\\n12:00:00.000 INFO  [main] admin - granted\\u2028more")
                .doesNotContain("\r", "\n", "\u2028");
    }

    @Test
    void stays_linear_on_hostile_input() {
        List<String> hostile = List.of(
                "x-api-key:".repeat(20_000),
                "Authorization: " + "Bearer ".repeat(20_000),
                "{\"token\":\"" + "\\\\".repeat(200_000),
                "?key=" + "a".repeat(200_000) + "&",
                "bearer\t".repeat(30_000));

        // A backtracking pattern would take minutes on these; linear ones take milliseconds.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> hostile.forEach(KnownSecrets::mask));
    }
}
