package dev.freeway.gateway.secrets.vault;

import static dev.freeway.gateway.secrets.vault.TestVaultSettings.settings;
import static dev.freeway.gateway.secrets.vault.TestVaultSettings.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.VaultSettings;
import dev.freeway.gateway.secrets.KeySnapshot;
import dev.freeway.gateway.secrets.KeySourceException;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.VaultHttpDouble;
import dev.freeway.gateway.testing.VaultHttpDouble.Endpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The KV v2 layout: one secret per provider under the path, field {@code keys}. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VaultKeySourceLayoutTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final VaultHttpDouble vault = new VaultHttpDouble(clock);
    private final String rootToken = vault.rootToken();

    @AfterEach
    void close() {
        vault.close();
    }

    private VaultKeySource source(VaultSettings settings) {
        return new VaultKeySource(settings, clock, TokenFileReader.fromDisk());
    }

    @Test
    void reads_string_and_object_keys_per_provider_with_the_kv_version_of_each() throws Exception {
        vault.putKeys("groq", List.of("gsk_a", "gsk_b"));
        vault.putKeys("google", List.of("AIza_old"));
        vault.putKeys(
                "google", List.of(new KeyConfig("AIza_1", null, "team-a"), new KeyConfig("AIza_2", null, "team-b")));
        vault.putKeys("cloudflare", List.of(new KeyConfig("cf_1", "0123abcd", null)));

        KeySnapshot snapshot = source(settings(vault, token(rootToken))).fetch();

        assertThat(snapshot.keys("groq")).containsExactly(KeyConfig.of("gsk_a"), KeyConfig.of("gsk_b"));
        assertThat(snapshot.keys("google"))
                .containsExactly(new KeyConfig("AIza_1", null, "team-a"), new KeyConfig("AIza_2", null, "team-b"));
        assertThat(snapshot.keys("cloudflare")).containsExactly(new KeyConfig("cf_1", "0123abcd", null));
        assertThat(snapshot.version()).isEqualTo("cloudflare@1,google@2,groq@1");
    }

    @Test
    void a_new_version_replaces_the_key_set_at_the_next_fetch() throws Exception {
        vault.putKeys("groq", List.of("gsk_a", "gsk_b"));
        VaultKeySource source = source(settings(vault, token(rootToken)));
        assertThat(source.fetch().keys("groq")).containsExactly(KeyConfig.of("gsk_a"), KeyConfig.of("gsk_b"));

        vault.putKeys("groq", List.of("gsk_b", "gsk_c"));
        KeySnapshot rotated = source.fetch();

        assertThat(rotated.keys("groq")).containsExactly(KeyConfig.of("gsk_b"), KeyConfig.of("gsk_c"));
        assertThat(rotated.keys("groq")).doesNotContain(KeyConfig.of("gsk_a"));
        assertThat(rotated.version()).isEqualTo("groq@2");
    }

    @Test
    void folders_below_the_path_are_not_providers_and_a_200_listing_without_providers_is_empty() throws Exception {
        vault.put(vault.providerPath("archive/groq"), Map.of("keys", List.of("gsk_old")));

        KeySnapshot snapshot = source(settings(vault, token(rootToken))).fetch();

        assertThat(snapshot.keys()).isEmpty();
        assertThat(snapshot.version()).isEqualTo("none");
        assertThat(vault.requests(Endpoint.KV_READ)).isZero();
    }

    @Test
    void a_mount_of_several_segments_and_another_path_are_read_where_configured() throws Exception {
        try (VaultHttpDouble nested = new VaultHttpDouble(clock, "kv/platform", "llm/keys")) {
            nested.putKeys("groq", List.of("gsk_nested"));
            VaultSettings settings = new VaultSettings(
                    nested.address(), token(nested.rootToken()), "/kv/platform/", "llm/keys/", null, 5_000L, null);

            VaultKeySource source = source(settings);

            assertThat(source.fetch().keys("groq")).containsExactly(KeyConfig.of("gsk_nested"));
            assertThat(source.describe()).isEqualTo("vault " + nested.address() + " kv/platform/llm/keys");
        }
    }

    @Test
    void an_empty_path_reads_providers_at_the_root_of_the_mount() throws Exception {
        try (VaultHttpDouble dedicated = new VaultHttpDouble(clock, "freeway-keys", "")) {
            dedicated.putKeys("groq", List.of("gsk_root"));
            VaultSettings settings = new VaultSettings(
                    dedicated.address(), token(dedicated.rootToken()), "freeway-keys", "", null, 5_000L, null);

            VaultKeySource source = source(settings);

            assertThat(source.fetch().keys("groq")).containsExactly(KeyConfig.of("gsk_root"));
            assertThat(source.describe()).isEqualTo("vault " + dedicated.address() + " freeway-keys");
        }
    }

    @Test
    void sends_the_namespace_when_one_is_set() throws Exception {
        vault.putKeys("groq", List.of("gsk_a"));
        VaultSettings settings =
                new VaultSettings(vault.address(), token(rootToken), null, null, null, 5_000L, "team-llm");

        source(settings).fetch();

        assertThat(vault.lastRequestHeader("X-Vault-Namespace")).isEqualTo("team-llm");
    }

    @Test
    void a_malformed_secret_fails_naming_the_field_and_never_the_value() {
        vault.put(vault.providerPath("groq"), Map.of("keys", "gsk_not_a_list_1234"));
        VaultKeySource source = source(settings(vault, token(rootToken)));

        assertThatThrownBy(source::fetch)
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("READ secret/data/freeway/providers/groq")
                .hasMessageContaining("field keys is not a list")
                .hasMessageNotContaining("gsk_not_a_list_1234");
    }

    @Test
    void a_misspelt_field_in_a_key_object_fails_instead_of_being_dropped() {
        vault.put(vault.providerPath("google"), Map.of("keys", List.of(Map.of("value", "AIza_1", "projet", "p"))));

        assertThatThrownBy(() -> source(settings(vault, token(rootToken))).fetch())
                .hasMessageContaining("keys[0] has an unknown field projet")
                .hasMessageNotContaining("AIza_1");
    }

    @Test
    void describe_names_the_address_and_path_but_not_the_token() {
        VaultKeySource source = source(settings(vault, token(rootToken)));

        assertThat(source.describe())
                .isEqualTo("vault " + vault.address() + " secret/freeway/providers")
                .doesNotContain(rootToken);
    }
}
