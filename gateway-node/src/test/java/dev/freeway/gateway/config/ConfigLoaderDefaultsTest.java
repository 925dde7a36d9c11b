package dev.freeway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.testing.TestConfigs;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** config/valid/minimal.yaml: absent sections come back as their defaults, never null. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConfigLoaderDefaultsTest {
    private final GatewayConfig config =
            new ConfigLoader(Map.of(), List::of).load(fixture("config/valid/minimal.yaml"));

    @Test
    void defaults_an_absent_server_section() {
        assertThat(config.server()).isEqualTo(new ServerConfig("0.0.0.0", 8080, 8_388_608L, 0));
    }

    @Test
    void defaults_an_absent_routing_section() {
        assertThat(config.routing()).isEqualTo(new RoutingConfig(20, 45_000L, 120L, 90L, 10, 1800L, 500L, 100L));
    }

    @Test
    void defaults_an_absent_cluster_section() {
        assertThat(config.cluster()).isEqualTo(ClusterConfig.single("freeway-hz56", 5701));
    }

    @Test
    void has_no_client_keys_and_no_models_when_none_are_configured() {
        assertThat(config.auth().clientKeys()).isEmpty();
        assertThat(config.models()).isEmpty();
    }

    @Test
    void a_provider_without_keys_has_an_empty_key_list_and_default_settings() {
        ProviderConfig groq = config.providers().get("groq");

        assertThat(groq.keys()).isEmpty();
        assertThat(groq.headers()).isEmpty();
        assertThat(groq.format()).isEqualTo("openai");
        assertThat(groq.timeouts()).isEqualTo(new TimeoutsConfig(5_000L, 30_000L, 30_000L));
    }

    @Test
    void does_not_print_provider_keys_or_client_keys() {
        ProviderConfig provider =
                TestConfigs.bareProvider("openai", "https://x.test/v1", List.of(KeyConfig.of("gsk-secret")), null);
        ClientKeyConfig key = new ClientKeyConfig("sk-client-secret-0001", null, "alpha");

        assertThat(provider.toString()).doesNotContain("gsk-secret").contains("keys=1");
        assertThat(key.toString()).doesNotContain("sk-client-secret").contains("alpha");
    }

    private static Path fixture(String resource) {
        URL url = ConfigLoaderDefaultsTest.class.getClassLoader().getResource(resource);
        assertThat(url).as("test resource %s", resource).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
