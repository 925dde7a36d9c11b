package dev.freeway.gateway.config;

import java.util.List;
import java.util.Map;

/** The whole validated gateway configuration; every section is non-null after construction. */
public record GatewayConfig(
        ServerConfig server,
        AuthConfig auth,
        Map<String, ProviderConfig> providers,
        List<ModelConfig> models,
        RoutingConfig routing,
        ClusterConfig cluster,
        CatalogPolicyConfig catalog,
        SecretsConfig secrets,
        AdminConfig admin,
        Map<String, TeamConfig> teams) {

    public GatewayConfig {
        server = server == null ? ServerConfig.defaults() : server;
        auth = auth == null ? new AuthConfig(List.of()) : auth;
        providers = providers == null ? Map.of() : Map.copyOf(providers);
        models = models == null ? List.of() : List.copyOf(models);
        routing = routing == null ? RoutingConfig.defaults() : routing;
        cluster = cluster == null ? ClusterConfig.defaults() : cluster;
        catalog = catalog == null ? CatalogPolicyConfig.defaults() : catalog;
        secrets = secrets == null ? SecretsConfig.defaults() : secrets;
        admin = admin == null ? AdminConfig.defaults() : admin;
        teams = teams == null ? Map.of() : Map.copyOf(teams);
    }

    /** The same config serving with other provider settings (keys from a secret store). */
    public GatewayConfig withProviders(Map<String, ProviderConfig> providers) {
        return new GatewayConfig(server, auth, providers, models, routing, cluster, catalog, secrets, admin, teams);
    }
}
