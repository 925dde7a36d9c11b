package dev.freeway.gateway.testing;

import dev.freeway.gateway.catalog.entry.PriceEntry;
import dev.freeway.gateway.catalog.entry.RequestQuirks;
import dev.freeway.gateway.catalog.entry.SharedLimitEntry;
import dev.freeway.gateway.catalog.entry.TermsEntry;
import dev.freeway.gateway.config.AdminConfig;
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
import dev.freeway.gateway.config.SecretsConfig;
import dev.freeway.gateway.config.ServerConfig;
import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.config.TimeoutsConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

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
    private SecretsConfig secrets = SecretsConfig.defaults();
    private AdminConfig admin = AdminConfig.defaults();
    private final Map<String, TeamConfig> teams = new LinkedHashMap<>();
    private final List<ClientKeyConfig> clientKeys =
            new ArrayList<>(List.of(new ClientKeyConfig(CLIENT_KEY, null, "test")));

    /** A platform the catalog does not know, with nothing but its format, URL, keys and timeouts. */
    public static ProviderConfig bareProvider(
            String format, String baseUrl, List<KeyConfig> keys, TimeoutsConfig timeouts) {
        return new ProviderConfig(
                format, baseUrl, keys, Map.of(), timeouts, null, null, null, null, null, null, null, null, null);
    }

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
                bareProvider(
                        "openai",
                        baseUrl,
                        Arrays.stream(keys).map(KeyConfig::of).toList(),
                        timeouts));
        return this;
    }

    /** A provider speaking {@code format} (openai, gemini, anthropic, cohere). */
    public TestConfigs provider(String id, String format, String baseUrl, List<String> keys) {
        providers.put(
                id,
                bareProvider(format, baseUrl, keys.stream().map(KeyConfig::of).toList(), timeouts));
        return this;
    }

    /**
     * A provider with what the shipped catalog would say about it: keys with account or project,
     * shared limits, the limit scope, request quirks, the daily reset zone.
     */
    public TestConfigs provider(String id, String format, String baseUrl, UnaryOperator<Platform> platform) {
        Platform spec = platform.apply(new Platform());
        providers.put(
                id,
                new ProviderConfig(
                        format,
                        baseUrl,
                        spec.keys,
                        Map.of(),
                        timeouts,
                        null,
                        null,
                        null,
                        null,
                        spec.terms,
                        spec.request,
                        spec.limitScope,
                        spec.sharedLimits,
                        spec.dailyResetZone));
        return this;
    }

    /** A model that writes at most {@code maxOutputTokens} per answer. */
    public TestConfigs model(String id, String provider, int score, LimitsConfig limits, int maxOutputTokens) {
        models.add(new ModelConfig(
                id, provider, null, score, 131_072, limits, null, maxOutputTokens, null, null, null, null, null));
        return this;
    }

    /** A paid model: {@code usdPerMillion} for prompt and completion tokens alike. */
    public TestConfigs pricedModel(String id, String provider, int score, double usdPerMillion) {
        models.add(new ModelConfig(
                id,
                provider,
                null,
                score,
                131_072,
                LimitsConfig.unlimited(),
                null,
                null,
                null,
                new PriceEntry(usdPerMillion, usdPerMillion),
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

    public TestConfigs secrets(SecretsConfig secrets) {
        this.secrets = secrets;
        return this;
    }

    /** Adds a team and a client key for it; the default key stays with team "test". */
    public TestConfigs team(String name, TeamConfig team, String clientKey) {
        teams.put(name, team);
        clientKeys.add(new ClientKeyConfig(clientKey, null, name));
        return this;
    }

    public TestConfigs admin(AdminConfig admin) {
        this.admin = admin;
        return this;
    }

    public GatewayConfig build() {
        return new GatewayConfig(
                new ServerConfig(host, 0, bodyLimit, 1),
                new AuthConfig(clientKeys),
                providers,
                models,
                routing,
                cluster,
                new CatalogPolicyConfig(false, null),
                secrets,
                admin,
                teams);
    }

    public static LimitsConfig rpm(long rpm) {
        return new LimitsConfig(rpm, null, null, null);
    }

    public static LimitsConfig limits(long rpm, long rpd, long tpm, long tpd) {
        return new LimitsConfig(rpm, rpd, tpm, tpd);
    }

    public static LimitsConfig tpm(long tpm) {
        return new LimitsConfig(null, null, tpm, null);
    }

    /** A provider's catalog-level settings, as {@link #provider(String, String, String, UnaryOperator)} takes them. */
    public static final class Platform {
        private final List<KeyConfig> keys = new ArrayList<>();
        private final List<SharedLimitEntry> sharedLimits = new ArrayList<>();
        private RequestQuirks request;
        private String limitScope;
        private String dailyResetZone;
        private TermsEntry terms;

        private Platform() {}

        /** Free-tier terms saying whether prompts may be used for training ({@code yes}, {@code no}...). */
        public Platform trainsOnPrompts(String value) {
            terms = new TermsEntry("recurring", "allowed", "allowed", value, null, null);
            return this;
        }

        public Platform key(String value) {
            keys.add(KeyConfig.of(value));
            return this;
        }

        /** A key of {@code account}, which fills {@code {account}} in the base URL. */
        public Platform accountKey(String value, String account) {
            keys.add(new KeyConfig(value, account, null));
            return this;
        }

        /** A key drawing on {@code project}'s quota, which every key labelled with it shares. */
        public Platform projectKey(String value, String project) {
            keys.add(new KeyConfig(value, null, project));
            return this;
        }

        /** A limit across the models matching {@code models} (globs; none = all), per {@code scope} (key, project). */
        public Platform sharedLimit(String name, String scope, List<String> models, LimitsConfig limits) {
            sharedLimits.add(new SharedLimitEntry(name, scope, models, limits, null, null));
            return this;
        }

        /** Where per-model limits apply: {@code key_model} or {@code project_model}. */
        public Platform limitScope(String scope) {
            limitScope = scope;
            return this;
        }

        public Platform request(RequestQuirks quirks) {
            request = quirks;
            return this;
        }

        /** The answer limit sent when the client sets none. */
        public Platform defaultMaxTokens(int tokens) {
            return request(new RequestQuirks(null, null, tokens, null, null, null, null));
        }

        public Platform dailyResetZone(String zone) {
            dailyResetZone = zone;
            return this;
        }
    }
}
