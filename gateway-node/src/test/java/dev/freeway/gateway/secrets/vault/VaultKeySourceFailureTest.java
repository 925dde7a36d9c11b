package dev.freeway.gateway.secrets.vault;

import static dev.freeway.gateway.secrets.vault.TestVaultSettings.settings;
import static dev.freeway.gateway.secrets.vault.TestVaultSettings.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.secrets.KeySourceException;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.VaultHttpDouble;
import dev.freeway.gateway.testing.VaultHttpDouble.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way Vault can fail raises; none of them reads as "no keys". */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VaultKeySourceFailureTest {
    private static final String KEY = "gsk_live_secret_key_0001";

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final VaultHttpDouble vault = new VaultHttpDouble(clock);
    private final String token = vault.issueToken();
    private final VaultKeySource source =
            new VaultKeySource(settings(vault, token(token)), clock, TokenFileReader.fromDisk());

    @AfterEach
    void close() {
        vault.close();
    }

    @Test
    void a_403_on_the_listing_raises_instead_of_an_empty_snapshot() throws Exception {
        vault.putKeys("groq", List.of(KEY));
        source.fetch();
        vault.failNext(Endpoint.KV_LIST, 403, 1, "{\"errors\":[\"permission denied\"]}");

        assertThatThrownBy(source::fetch)
                .isInstanceOf(KeySourceException.class)
                .hasMessageStartingWith("LIST secret/metadata/freeway/providers: HTTP 403");
    }

    @Test
    void a_missing_path_is_a_404_error_not_an_empty_snapshot() {
        assertThatThrownBy(source::fetch)
                .isInstanceOf(KeySourceException.class)
                .hasMessage("LIST secret/metadata/freeway/providers: HTTP 404 (not found)");
    }

    @Test
    void a_provider_secret_that_reads_404_fails_the_whole_fetch() {
        vault.putKeys("groq", List.of(KEY));
        vault.putKeys("google", List.of("AIza_1"));
        vault.deleteLatest(vault.providerPath("google"));

        assertThatThrownBy(source::fetch).hasMessage("READ secret/data/freeway/providers/google: HTTP 404 (not found)");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void a_server_error_raises_with_its_status(int status) {
        vault.putKeys("groq", List.of(KEY));
        vault.failNext(Endpoint.KV_READ, status, 1, "{\"errors\":[\"Vault is sealed\"]}");

        assertThatThrownBy(source::fetch)
                .hasMessage("READ secret/data/freeway/providers/groq: HTTP " + status)
                .hasMessageNotContaining("sealed");
        assertThat(vault.requests(Endpoint.KV_READ))
                .as("the driver retries nothing")
                .isEqualTo(1);
    }

    @Test
    void a_hung_vault_fails_the_call_at_the_300_ms_deadline_and_the_next_fetch_recovers() throws Exception {
        vault.putKeys("groq", List.of(KEY));
        // A cold JVM's first HTTP call can take longer than 300 ms; load the classes before timing.
        source.fetch();
        VaultKeySource quick =
                new VaultKeySource(settings(vault, token(token), 300), clock, TokenFileReader.fromDisk());
        quick.fetch();
        vault.hang(true);

        long started = System.nanoTime();
        assertThatThrownBy(quick::fetch)
                .hasMessage("LIST secret/metadata/freeway/providers: no response within 300 ms");
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        // The driver's own timeouts are whole seconds; finishing well under one shows ours applied.
        assertThat(elapsedMs).isBetween(290L, 900L);
        vault.hang(false);
        assertThat(quick.fetch().keys("groq")).containsExactly(KeyConfig.of(KEY));
    }

    @Test
    void a_stopped_vault_raises_connection_refused_and_a_restarted_one_serves_again() throws Exception {
        vault.putKeys("groq", List.of(KEY));
        source.fetch();
        vault.stop();

        assertThatThrownBy(source::fetch).hasMessage("LIST secret/metadata/freeway/providers: connection refused");

        vault.start();
        assertThat(source.fetch().keys("groq")).containsExactly(KeyConfig.of(KEY));
    }

    @Test
    void no_message_carries_a_key_or_a_token_even_when_vault_echoes_them() {
        vault.putKeys("groq", List.of(KEY));
        String echo = "{\"errors\":[\"bad key " + KEY + " for token " + token + "\"]}";
        List<String> messages = new ArrayList<>();
        for (Endpoint endpoint : List.of(Endpoint.TOKEN_LOOKUP_SELF, Endpoint.KV_LIST, Endpoint.KV_READ)) {
            for (int status : new int[] {400, 403, 500}) {
                VaultKeySource fresh =
                        new VaultKeySource(settings(vault, token(token)), clock, TokenFileReader.fromDisk());
                vault.failNext(endpoint, status, 1, echo);
                messages.add(message(fresh));
            }
        }
        vault.put(vault.providerPath("groq"), Map.of("keys", List.of(Map.of("value", KEY, "x", 1))));
        messages.add(message(source));
        vault.put(vault.providerPath("groq"), Map.of("keys", List.of(42, KEY)));
        messages.add(message(source));

        assertThat(messages)
                .hasSize(11)
                .allSatisfy(message -> assertThat(message)
                        .isNotBlank()
                        .doesNotContain(KEY)
                        .doesNotContain(token)
                        .doesNotContain("bad key"));
    }

    @Test
    void a_token_the_vault_does_not_know_fails_at_lookup_with_403() {
        VaultKeySource unknown =
                new VaultKeySource(settings(vault, token("hvs.unknown-token")), clock, TokenFileReader.fromDisk());

        assertThatThrownBy(unknown::fetch)
                .hasMessageStartingWith("token lookup-self: HTTP 403")
                .hasMessageNotContaining("hvs.unknown-token");
    }

    private static String message(VaultKeySource source) {
        try {
            source.fetch();
            return "";
        } catch (KeySourceException e) {
            return e.getMessage();
        }
    }
}
