package dev.freeway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The configuration files shipped in cluster-config must always load. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShippedConfigTest {
    private static final Path EXAMPLE = Path.of("../cluster-config/gateway/freeway.example.yaml");
    private static final Path KUBERNETES = Path.of("../k8s/base/freeway.yaml");

    @Test
    void the_laptop_default_loads_from_the_classpath_without_any_environment() {
        GatewayConfig config = new ConfigLoader(Map.of()).loadDefault();

        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.auth().clientKeys()).singleElement().satisfies(key -> {
            assertThat(key.key()).isEqualTo("sk-freeway-local-dev");
            assertThat(key.team()).isEqualTo("default");
        });
        assertThat(config.providers()).containsKeys("google", "groq", "cerebras", "anthropic", "simulator");
        assertThat(config.providers().values())
                .allSatisfy(p -> assertThat(p.keys()).isEmpty());
        assertThat(config.providers().get("simulator").baseUrl()).isEqualTo("http://127.0.0.1:9000/v1");
        assertThat(config.providers().get("google").format()).isEqualTo("gemini");
        assertThat(config.models()).hasSizeGreaterThan(90);
    }

    @Test
    void the_laptop_default_takes_its_overrides_from_the_environment() {
        GatewayConfig config = new ConfigLoader(Map.of(
                        "FREEWAY_PORT", "9191",
                        "FREEWAY_CLIENT_KEY", "sk-from-the-platform-0001",
                        "GROQ_API_KEY", "gsk-real"))
                .loadDefault();

        assertThat(config.server().port()).isEqualTo(9191);
        assertThat(config.auth().clientKeys().get(0).key()).isEqualTo("sk-from-the-platform-0001");
        assertThat(config.providers().get("groq").keys())
                .extracting(KeyConfig::value)
                .containsExactly("gsk-real");
    }

    @Test
    void the_commented_example_loads_when_its_variables_are_set() {
        GatewayConfig config = new ConfigLoader(Map.of(
                        "FREEWAY_CLIENT_KEY", "sk-example-client-key-01",
                        "GROQ_API_KEY", "gsk-example"))
                .load(EXAMPLE);

        assertThat(config.providers().get("groq").keys())
                .extracting(KeyConfig::value)
                .containsExactly("gsk-example");
        assertThat(config.models())
                .filteredOn(m -> m.provider().equals("groq") && m.id().equals("llama-3.3-70b-versatile"))
                .singleElement()
                .satisfies(m -> assertThat(m.score()).isEqualTo(72));
        assertThat(config.routing()).isEqualTo(RoutingConfig.defaults());
        assertThat(config.server()).isEqualTo(ServerConfig.defaults());
        assertThat(config.cluster()).isEqualTo(ClusterConfig.defaults());
    }

    @Test
    void the_kubernetes_config_joins_through_the_headless_service_with_a_majority_of_three() {
        GatewayConfig config =
                new ConfigLoader(Map.of("FREEWAY_VAULT_ADDR", "https://vault.example:8200")).load(KUBERNETES);

        assertThat(config.cluster().join()).isEqualTo(ClusterConfig.Join.KUBERNETES);
        assertThat(config.cluster().kubernetes().serviceDns()).isEqualTo("freeway-hazelcast.freeway.svc.cluster.local");
        assertThat(config.cluster().minSize()).isEqualTo(2);
        assertThat(new ConfigLoader(Map.of(
                                "FREEWAY_VAULT_ADDR", "https://vault.example:8200", "FREEWAY_MIN_CLUSTER_SIZE", "1"))
                        .load(KUBERNETES)
                        .cluster()
                        .minSize())
                .as("the single-replica dev overlay")
                .isEqualTo(1);
    }

    @Test
    void the_commented_example_names_its_missing_variables() {
        ConfigException failure =
                catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(Map.of()).load(EXAMPLE));

        assertThat(failure).isNotNull();
        assertThat(failure.problems())
                .containsExactly(
                        "auth.client_keys[0].key: environment variable FREEWAY_CLIENT_KEY is not set",
                        "providers.groq.keys[0]: environment variable GROQ_API_KEY is not set");
    }
}
