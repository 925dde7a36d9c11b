package dev.freeway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** config/valid/full.yaml: every section bound, with some keys left out so that their defaults apply. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConfigLoaderFullFixtureTest {
    private final GatewayConfig config = new ConfigLoader(
                    Map.of("CLIENT_KEY", "sk-test-client-key-0001", "GROQ_KEY", "gsk-test-key"), List::of)
            .load(fixture("config/valid/full.yaml"));

    @Test
    void binds_the_server_section_and_defaults_port_and_body_limit() {
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().instances()).isEqualTo(2);
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().bodyLimitBytes()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void binds_the_cluster_section() {
        assertThat(config.cluster()).isEqualTo(ClusterConfig.single("freeway-test", 5801));
    }

    @Test
    void binds_plain_and_hashed_client_keys_with_their_teams() {
        assertThat(config.auth().clientKeys())
                .extracting(ClientKeyConfig::key, ClientKeyConfig::hash, ClientKeyConfig::team)
                .containsExactly(
                        tuple("sk-test-client-key-0001", null, "alpha"),
                        tuple(null, "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "beta"));
    }

    @Test
    void drops_empty_and_blank_provider_keys() {
        assertThat(config.providers().get("groq").keys())
                .extracting(KeyConfig::value)
                .containsExactly("gsk-test-key");
        assertThat(config.providers().get("local").keys())
                .extracting(KeyConfig::value)
                .containsExactly("sk-local-1", "sk-local-2");
    }

    @Test
    void defaults_the_provider_format_and_timeouts() {
        ProviderConfig groq = config.providers().get("groq");

        assertThat(groq.format()).isEqualTo("openai");
        assertThat(groq.baseUrl()).isEqualTo("https://api.groq.com/openai/v1");
        assertThat(groq.headers()).containsExactlyEntriesOf(Map.of("X-Title", "freeway"));
        assertThat(groq.timeouts()).isEqualTo(new TimeoutsConfig(5_000L, 30_000L, 30_000L));
    }

    @Test
    void binds_explicit_provider_timeouts() {
        assertThat(config.providers().get("local").timeouts()).isEqualTo(new TimeoutsConfig(100L, 200L, 300L));
    }

    @Test
    void binds_every_model_field() {
        ModelConfig model = config.models().get(0);

        assertThat(model.id()).isEqualTo("llama-3.3-70b");
        assertThat(model.provider()).isEqualTo("groq");
        assertThat(model.upstreamModel()).isEqualTo("llama-3.3-70b-versatile");
        assertThat(model.score()).isEqualTo(70);
        assertThat(model.contextWindow()).isEqualTo(131072);
        assertThat(model.limits()).isEqualTo(new LimitsConfig(30L, 1000L, 12000L, 100000L));
        assertThat(model.capabilities()).isEqualTo(new CapabilitiesConfig(false, false, true, false));
    }

    @Test
    void defaults_the_optional_model_fields() {
        ModelConfig model = config.models().get(2);

        assertThat(model.id()).isEqualTo("sim-model");
        assertThat(model.upstreamModel()).isEqualTo("sim-model");
        assertThat(model.score()).isEqualTo(50);
        assertThat(model.contextWindow()).isEqualTo(8192);
        assertThat(model.limits()).isEqualTo(new LimitsConfig(0L, 0L, 0L, 0L));
        assertThat(model.capabilities()).isEqualTo(new CapabilitiesConfig(true, true, false, true));
    }

    @Test
    void allows_the_same_model_id_on_different_providers() {
        assertThat(config.models())
                .extracting(ModelConfig::provider, ModelConfig::id)
                .containsExactly(
                        tuple("groq", "llama-3.3-70b"), tuple("local", "llama-3.3-70b"), tuple("local", "sim-model"));
    }

    @Test
    void binds_explicit_routing_keys_and_defaults_the_rest() {
        RoutingConfig routing = config.routing();

        assertThat(routing.totalTimeoutMs()).isEqualTo(10_000L);
        assertThat(routing.penaltyWeight()).isEqualTo(5);
        assertThat(routing.maxAttempts()).isEqualTo(20);
        assertThat(routing.penaltyDecaySeconds()).isEqualTo(120L);
        assertThat(routing.cooldownSeconds()).isEqualTo(90L);
        assertThat(routing.stickyTtlSeconds()).isEqualTo(1800L);
    }

    private static Path fixture(String resource) {
        URL url = ConfigLoaderFullFixtureTest.class.getClassLoader().getResource(resource);
        assertThat(url).as("test resource %s", resource).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
