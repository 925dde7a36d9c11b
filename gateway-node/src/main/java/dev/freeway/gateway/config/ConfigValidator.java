package dev.freeway.gateway.config;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Semantic checks after binding; each message starts with the path of the offending key. */
final class ConfigValidator {
    private static final String ACCOUNT = "{account}";
    private static final Set<String> CREDENTIAL_HEADERS =
            Set.of("authorization", "x-api-key", "x-goog-api-key", "api-key");

    private final List<String> problems = new ArrayList<>();

    List<String> validate(GatewayConfig config) {
        server(config.server());
        auth(config.auth());
        config.providers().forEach(this::provider);
        models(config);
        routing(config.routing());
        cluster(config.cluster());
        secrets(config.secrets());
        admin(config.admin());
        teams(config);
        return problems;
    }

    private void server(ServerConfig server) {
        port("server.port", server.port());
        if (server.bodyLimitBytes() < 1024) {
            problems.add("server.body_limit_bytes: must be at least 1024");
        }
        if (server.instances() < 0) {
            problems.add("server.instances: must be 0 (one per core) or more");
        }
    }

    private void auth(AuthConfig auth) {
        for (int i = 0; i < auth.clientKeys().size(); i++) {
            ClientKeyConfig key = auth.clientKeys().get(i);
            String path = "auth.client_keys[" + i + "]";
            boolean hasKey = key.key() != null && !key.key().isEmpty();
            boolean hasHash = key.hash() != null && !key.hash().isEmpty();
            if (hasKey == hasHash) {
                problems.add(path + ": set exactly one of key or hash");
            }
            if (hasKey && key.key().length() < 16) {
                problems.add(path + ".key: must be at least 16 characters");
            }
            if (hasHash && !key.hash().matches("sha256:[0-9a-f]{64}")) {
                problems.add(path + ".hash: must be sha256:<64 lowercase hex digits>");
            }
            if (key.team() == null || key.team().isBlank()) {
                problems.add(path + ".team: is required");
            }
        }
    }

    private void provider(String id, ProviderConfig provider) {
        String path = "providers." + id;
        if (!id.matches("[a-z0-9][a-z0-9_-]*")) {
            problems.add(path + ": provider ids are lowercase letters, digits, '-' and '_'");
        }
        if (!ProviderConfig.FORMATS.contains(provider.format())) {
            problems.add(path + ".format: unknown format '" + provider.format() + "' (known: "
                    + new TreeSet<>(ProviderConfig.FORMATS) + ")");
        }
        String url = provider.baseUrl();
        baseUrl(path + ".base_url", url == null ? null : url.replace(ACCOUNT, "account"));
        if (url != null && url.contains(ACCOUNT)) {
            for (int i = 0; i < provider.keys().size(); i++) {
                String account = provider.keys().get(i).account();
                if (account == null || account.isBlank()) {
                    problems.add(
                            path + ".keys[" + i + "]: this platform's URL names an account: use { value, account }");
                }
            }
        }
        if (!Set.of("key_model", "project_model").contains(provider.limitScope())) {
            problems.add(path + ".limit_scope: must be key_model or project_model");
        }
        for (int i = 0; i < provider.sharedLimits().size(); i++) {
            String scope = provider.sharedLimits().get(i).scope();
            if (!Set.of("key", "project").contains(scope)
                    || provider.sharedLimits().get(i).name() == null) {
                problems.add(path + ".shared_limits[" + i + "]: needs a name and scope key or project");
            }
        }
        try {
            ZoneId.of(provider.dailyResetZone());
        } catch (DateTimeException e) {
            problems.add(path + ".daily_reset_zone: not a time zone id");
        }
        TimeoutsConfig t = provider.timeouts();
        if (t.connectMs() <= 0 || t.firstByteMs() <= 0 || t.idleMs() <= 0) {
            problems.add(path + ".timeouts: every timeout must be positive");
        }
        for (Map.Entry<String, String> header : provider.headers().entrySet()) {
            if (CREDENTIAL_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))
                    || header.getValue().matches("(?s).*[\r\n].*")) {
                problems.add(path + ".headers." + header.getKey() + ": not allowed (credentials go in keys)");
            }
        }
    }

    private void baseUrl(String path, String url) {
        if (url == null || url.isBlank()) {
            problems.add(path + ": is required");
            return;
        }
        try {
            URI uri = new URI(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(path + ": must be an http(s) URL with a host");
            } else if (uri.getQuery() != null || uri.getFragment() != null) {
                problems.add(path + ": must not carry a query or fragment");
            }
        } catch (Exception e) {
            problems.add(path + ": not a valid URL");
        }
    }

    private void models(GatewayConfig config) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < config.models().size(); i++) {
            ModelConfig model = config.models().get(i);
            String path = "models[" + i + "]";
            if (model.id() == null || model.id().isBlank()) {
                problems.add(path + ".id: is required");
                continue;
            }
            if (model.id().equals("auto") || model.id().startsWith("auto:")) {
                problems.add(path + ".id: '" + model.id() + "' is reserved for routing");
            }
            if (model.provider() == null || !config.providers().containsKey(model.provider())) {
                problems.add(path + ".provider: '" + model.provider() + "' is not defined under providers");
            }
            if (!seen.add(model.provider() + "/" + model.id())) {
                problems.add(path + ": duplicate model " + model.id() + " for provider " + model.provider());
            }
            if (model.contextWindow() <= 0) {
                problems.add(path + ".context_window: must be positive");
            }
            LimitsConfig l = model.limits();
            if (l.rpm() < 0 || l.rpd() < 0 || l.tpm() < 0 || l.tpd() < 0) {
                problems.add(path + ".limits: limits cannot be negative (0 means none)");
            }
        }
    }

    private void routing(RoutingConfig routing) {
        if (routing.maxAttempts() < 1) {
            problems.add("routing.max_attempts: must be at least 1");
        }
        if (routing.totalTimeoutMs() < 1) {
            problems.add("routing.total_timeout_ms: must be positive");
        }
        if (routing.admissionTimeoutMs() < 1) {
            problems.add("routing.admission_timeout_ms: must be positive");
        }
        if (routing.windowEdgeMs() < 0 || routing.windowEdgeMs() > 10_000) {
            problems.add("routing.window_edge_ms: must be between 0 and 10000");
        }
        if (routing.penaltyDecaySeconds() < 1 || routing.cooldownSeconds() < 0) {
            problems.add("routing.penalty_decay_seconds: must be positive; cooldown_seconds not negative");
        }
    }

    private void cluster(ClusterConfig cluster) {
        if (cluster.name().isBlank()) {
            problems.add("cluster.name: must not be blank");
        }
        port("cluster.port", cluster.port());
        for (int i = 0; i < cluster.members().size(); i++) {
            if (!cluster.members().get(i).matches("[A-Za-z0-9.\\-]+:\\d{1,5}")) {
                problems.add("cluster.members[" + i + "]: must be host:port");
            }
        }
        if (cluster.kubernetes() != null) {
            if (!cluster.members().isEmpty()) {
                problems.add("cluster.kubernetes: set either members or kubernetes, not both");
            }
            String dns = cluster.kubernetes().serviceDns();
            if (dns == null || dns.isBlank()) {
                problems.add("cluster.kubernetes.service_dns: is required");
            }
        }
        if (cluster.minSize() < 1) {
            problems.add("cluster.min_size: must be at least 1");
        } else if (!cluster.members().isEmpty()
                && cluster.minSize() > cluster.members().size()) {
            problems.add("cluster.min_size: cannot exceed the number of members ("
                    + cluster.members().size() + ")");
        }
    }

    private void secrets(SecretsConfig secrets) {
        if (!Set.of("none", "local", "vault").contains(secrets.source())) {
            problems.add("secrets.source: must be none, local or vault");
        }
        if (secrets.local().refreshSeconds() < 1) {
            problems.add("secrets.local.refresh_seconds: must be at least 1");
        }
        VaultSettings vault = secrets.vault();
        if (!"vault".equals(secrets.source())) {
            return;
        }
        if (vault == null) {
            problems.add("secrets.vault: is required when secrets.source is vault");
            return;
        }
        baseUrl("secrets.vault.address", vault.address());
        if (vault.refreshMillis() < 1_000) {
            problems.add("secrets.vault.refresh: a duration of at least 1s (60s, 2m)");
        }
        if (vault.timeoutMs() < 1) {
            problems.add("secrets.vault.timeout_ms: must be positive");
        }
        VaultAuthConfig auth = vault.auth();
        if (auth == null) {
            problems.add("secrets.vault.auth: is required");
            return;
        }
        switch (auth.method()) {
            case "token" -> required("secrets.vault.auth.token", auth.token());
            case "approle" -> {
                required("secrets.vault.auth.role_id", auth.roleId());
                required("secrets.vault.auth.secret_id", auth.secretId());
            }
            case "kubernetes" -> required("secrets.vault.auth.role", auth.role());
            case "agent" -> {}
            default -> problems.add("secrets.vault.auth.method: must be token, approle, kubernetes or agent");
        }
    }

    private void admin(AdminConfig admin) {
        port("admin.port", admin.port());
        if (admin.token() != null && !admin.token().isBlank() && admin.token().length() < 24) {
            problems.add("admin.token: must be at least 24 characters");
        }
    }

    private void teams(GatewayConfig config) {
        config.teams().forEach((name, team) -> problems.addAll(TeamChecks.problems("teams." + name, team)));
        if (config.teams().isEmpty()) {
            return;
        }
        for (int i = 0; i < config.auth().clientKeys().size(); i++) {
            String team = config.auth().clientKeys().get(i).team();
            if (team != null && !config.teams().containsKey(team)) {
                problems.add("auth.client_keys[" + i + "].team: '" + team + "' is not defined under teams");
            }
        }
    }

    private void required(String path, String value) {
        if (value == null || value.isBlank()) {
            problems.add(path + ": is required");
        }
    }

    private void port(String path, int port) {
        if (port < 0 || port > 65535) {
            problems.add(path + ": must be between 0 and 65535");
        }
    }
}
