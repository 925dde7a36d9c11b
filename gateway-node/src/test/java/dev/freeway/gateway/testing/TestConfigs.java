package dev.freeway.gateway.testing;

import dev.freeway.gateway.config.AuthConfig;
import dev.freeway.gateway.config.CatalogPolicyConfig;
import dev.freeway.gateway.config.ClientKeyConfig;
import dev.freeway.gateway.config.ClusterConfig;
import dev.freeway.gateway.config.GatewayConfig;
import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.LimitsConfig;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.config.ProviderConfig;
import dev.freeway.gateway.config.RoutingConfig;
import dev.freeway.gateway.config.ServerConfig;
import dev.freeway.gateway.config.TimeoutsConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds gateway configs for tests: providers pointing at simulators, models, routing. */
public final class TestConfigs {
    public static final String CLIENT_KEY = "sk-test-client-key-0001";

    private final Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    private final List<ModelConfig> models = new ArrayList<>();
    private RoutingConfig routing = RoutingConfig.defaults();
    private long bodyLimit = ServerConfig.DEFAULT_BODY_LIMIT;
    private TimeoutsConfig timeouts = new TimeoutsConfig(2_000L, 5_000L, 5_000L);
    private ClusterConfig cluster = ClusterConfig.single("freeway-test", 5701);
    private String host = "127.0.0.1";

    public static TestConfigs builder() {
        return new TestConfigs();
    }

    public TestConfigs timeouts(long connectMs, long firstByteMs, long idleMs) {
        timeouts = new TimeoutsConfig(connectMs, firstByteMs, idleMs);
        return this;
    }

    public TestConfigs provider(String id, String baseUrl, String... keys) {
        providers.put(
                id,
                ProviderConfig.openAi(
                        baseUrl, Arrays.stream(keys).map(KeyConfig::of).toList(), timeouts));
        return this;
    }

    /** A provider speaking {@code format} (openai, gemini, anthropic, cohere). */
    public TestConfigs provider(String id, String format, String baseUrl, List<String> keys) {
        ProviderConfig openAi =
                ProviderConfig.openAi(baseUrl, keys.stream().map(KeyConfig::of).toList(), timeouts);
        providers.put(
                id,
                new ProviderConfig(
                        format,
                        baseUrl,
                        openAi.keys(),
                        Map.of(),
                        timeouts,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
        return this;
    }

    public TestConfigs model(String id, String provider, int score) {
        return model(id, provider, score, LimitsConfig.unlimited());
    }

    public TestConfigs model(String id, String provider, int score, LimitsConfig limits) {
        models.add(new ModelConfig(id, provider, null, score, 131_072, limits, null));
        return this;
    }

    public TestConfigs routing(RoutingConfig routing) {
        this.routing = routing;
        return this;
    }

    /** Makes this node a member of {@code cluster}, serving HTTP on {@code host}. */
    public TestConfigs cluster(ClusterConfig cluster, String host) {
        this.cluster = cluster;
        this.host = host;
        return this;
    }

    public TestConfigs bodyLimit(long bytes) {
        bodyLimit = bytes;
        return this;
    }

    public GatewayConfig build() {
        return new GatewayConfig(
                new ServerConfig(host, 0, bodyLimit, 1),
                new AuthConfig(List.of(new ClientKeyConfig(CLIENT_KEY, null, "test"))),
                providers,
                models,
                routing,
                cluster,
                new CatalogPolicyConfig(false, null));
    }

    public static LimitsConfig rpm(long rpm) {
        return new LimitsConfig(rpm, null, null, null);
    }
}
