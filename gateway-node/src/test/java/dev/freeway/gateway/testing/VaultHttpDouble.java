package dev.freeway.gateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.freeway.gateway.config.KeyConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-test HTTP server standing in for HashiCorp Vault on 127.0.0.1: not Vault, only the
 * endpoints Freeway's Vault key source calls, answering with the JSON shapes of the Vault API
 * docs (KV v2, token lookup-self and renew-self, AppRole and Kubernetes login).
 *
 * <ul>
 *   <li>KV v2 on one mount (default {@code secret}): {@code LIST} (method LIST or GET {@code ?list=true})
 *       on {@code metadata/<path>}, read, write and soft delete on {@code data/<path>}, delete of
 *       {@code metadata/<path>}. Tests write with {@link #putKeys} or {@link #put}; each write adds a
 *       version.
 *   <li>Tokens: {@code X-Vault-Token} must be one this double issued and has not expired by the
 *       injected clock, otherwise 403 {@code {"errors":["permission denied"]}}. TTL and max TTL are
 *       set with {@link #tokenTtl}; renew-self extends up to the max TTL and no further.
 *   <li>Logins: AppRole checks role_id and secret_id; Kubernetes checks the role and that the JWT
 *       equals the expected one.
 *   <li>Controls: {@link #failNext}, {@link #hang} (accept, never answer), {@link #stop} and {@link
 *       #start} on the same port, and a request counter per {@link Endpoint}.
 * </ul>
 */
public final class VaultHttpDouble implements AutoCloseable {

    /** What a request asked for, for the counters and for targeted failures. */
    public enum Endpoint {
        KV_LIST,
        KV_READ,
        KV_WRITE,
        KV_DELETE,
        TOKEN_LOOKUP_SELF,
        TOKEN_RENEW_SELF,
        APPROLE_LOGIN,
        KUBERNETES_LOGIN,
        UNKNOWN
    }

    private final Clock clock;
    private final String kvMount;
    private final String providersPath;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "vault-http-double");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, List<Version>> kv = new TreeMap<>();
    private final Map<String, TokenState> tokens = new HashMap<>();
    private final Map<Endpoint, Integer> counts = new EnumMap<>(Endpoint.class);
    private final List<Injection> injections = new ArrayList<>();
    private final List<HttpExchange> held = new ArrayList<>();
    private Map<String, String> lastHeaders = Map.of();
    private Duration ttl = Duration.ofHours(1);
    private Duration maxTtl = Duration.ofHours(24);
    private String appRoleMount;
    private String roleId;
    private String secretId;
    private String kubernetesMount;
    private String kubernetesRole;
    private String expectedJwt;
    private boolean hanging;
    private HttpServer server;
    private int port;

    /** A double serving KV v2 at {@code secret/} with providers under {@code freeway/providers}. */
    public VaultHttpDouble(Clock clock) {
        this(clock, "secret", "freeway/providers");
    }

    public VaultHttpDouble(Clock clock, String kvMount, String providersPath) {
        this.clock = clock;
        this.kvMount = kvMount;
        this.providersPath = providersPath;
        start();
    }

    /** {@code http://127.0.0.1:<port>}, the value for {@code secrets.vault.address}. */
    public String address() {
        return "http://127.0.0.1:" + port;
    }

    // ---- tokens and logins -------------------------------------------------------------------

    /** TTL and max TTL of tokens issued from now on; zero TTL = never expires. */
    public synchronized VaultHttpDouble tokenTtl(Duration ttl, Duration maxTtl) {
        this.ttl = ttl;
        this.maxTtl = maxTtl;
        return this;
    }

    /** A renewable token with the current TTL settings, as {@code vault token create} would give. */
    public synchronized String issueToken() {
        return issue(ttl, maxTtl, true);
    }

    /** A token that never expires and cannot be renewed, like the dev-mode root token. */
    public synchronized String rootToken() {
        return issue(Duration.ZERO, Duration.ZERO, false);
    }

    /** Every issued token stops working, as after {@code vault token revoke} or a Vault restore. */
    public synchronized void revokeAllTokens() {
        tokens.clear();
    }

    public synchronized VaultHttpDouble enableAppRole(String mount, String roleId, String secretId) {
        this.appRoleMount = mount;
        this.roleId = roleId;
        this.secretId = secretId;
        return this;
    }

    public synchronized VaultHttpDouble enableKubernetes(String mount, String role, String expectedJwt) {
        this.kubernetesMount = mount;
        this.kubernetesRole = role;
        this.expectedJwt = expectedJwt;
        return this;
    }

    /** The JWT a Kubernetes login must present from now on, as after the kubelet rotated it. */
    public synchronized void expectJwt(String jwt) {
        this.expectedJwt = jwt;
    }

    // ---- KV data -----------------------------------------------------------------------------

    /**
     * Writes a new version of {@code <providersPath>/<provider>} with field {@code keys}; items are
     * strings or {@link KeyConfig}s (written as objects without null fields).
     *
     * @return the new version
     */
    public int putKeys(String provider, List<?> keys) {
        JsonArray items = new JsonArray();
        for (Object key : keys) {
            if (key instanceof KeyConfig config) {
                JsonObject item = new JsonObject().put("value", config.value());
                if (config.account() != null) {
                    item.put("account", config.account());
                }
                if (config.project() != null) {
                    item.put("project", config.project());
                }
                items.add(item);
            } else {
                items.add(key);
            }
        }
        return put(providerPath(provider), Map.of("keys", items));
    }

    /** Writes a new version of any secret below the mount, e.g. a malformed one. */
    public synchronized int put(String path, Map<String, Object> data) {
        List<Version> versions = kv.computeIfAbsent(path, p -> new ArrayList<>());
        versions.add(new Version(new JsonObject(new LinkedHashMap<>(data)), clock.instant()));
        return versions.size();
    }

    /** Soft-deletes the latest version, as {@code vault kv delete} does; reads then answer 404. */
    public synchronized void deleteLatest(String path) {
        List<Version> versions = kv.get(path);
        versions.get(versions.size() - 1).deletedAt = clock.instant();
    }

    /** Removes the secret and all its versions, as {@code vault kv metadata delete} does. */
    public synchronized void deleteMetadata(String path) {
        kv.remove(path);
    }

    /** Where {@link #putKeys} writes a provider's secret, below the mount. */
    public String providerPath(String provider) {
        return providersPath.isEmpty() ? provider : providersPath + "/" + provider;
    }

    // ---- failure controls --------------------------------------------------------------------

    /** The next {@code times} requests, whatever they ask, answer {@code status}. */
    public void failNext(int status, int times) {
        failNext(null, status, times, "{\"errors\":[\"injected by VaultHttpDouble\"]}");
    }

    /** The next {@code times} requests to {@code endpoint} (null = any) answer {@code status} with {@code body}. */
    public synchronized void failNext(Endpoint endpoint, int status, int times, String body) {
        injections.add(new Injection(endpoint, status, body, times));
    }

    /** While on, requests are accepted and never answered; turning it off drops the held ones. */
    public void hang(boolean on) {
        List<HttpExchange> release;
        synchronized (this) {
            hanging = on;
            release = on ? List.of() : drainHeld();
        }
        release.forEach(HttpExchange::close);
    }

    /** Stops listening and drops every connection; {@link #start} listens again on the same port. */
    public void stop() {
        HttpServer running;
        List<HttpExchange> release;
        synchronized (this) {
            running = server;
            server = null;
            release = drainHeld();
        }
        release.forEach(HttpExchange::close);
        if (running != null) {
            running.stop(0);
        }
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        port = server.getAddress().getPort();
    }

    /** Requests received for {@code endpoint}, answered or not. */
    public synchronized int requests(Endpoint endpoint) {
        return counts.getOrDefault(endpoint, 0);
    }

    /** A header of the last request received, e.g. {@code X-Vault-Namespace}; null if absent. */
    public synchronized String lastRequestHeader(String name) {
        return lastHeaders.get(name.toLowerCase());
    }

    @Override
    public void close() {
        stop();
        executor.shutdownNow();
    }

    // ---- HTTP --------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try (InputStream in = exchange.getRequestBody()) {
            reply = answer(exchange, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        if (reply == null) {
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (reply.body == null) {
            exchange.sendResponseHeaders(reply.status, -1);
        } else {
            byte[] bytes = reply.body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    /** The reply, or null when the exchange is held open. */
    private synchronized Reply answer(HttpExchange exchange, String body) {
        Request request = Request.of(exchange, body, kvMount);
        Endpoint endpoint = endpoint(request);
        counts.merge(endpoint, 1, Integer::sum);
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        lastHeaders = headers;
        if (hanging) {
            held.add(exchange);
            return null;
        }
        for (Injection injection : injections) {
            if (injection.remaining > 0 && (injection.endpoint == null || injection.endpoint == endpoint)) {
                injection.remaining--;
                return new Reply(injection.status, injection.body);
            }
        }
        return switch (endpoint) {
            case APPROLE_LOGIN -> appRoleLogin(request);
            case KUBERNETES_LOGIN -> kubernetesLogin(request);
            case UNKNOWN -> errors(404, "no handler for route \"" + request.path + "\". route entry not found.");
            default -> authorised(request) ? tokenOrKv(endpoint, request) : errors(403, "permission denied");
        };
    }

    private Endpoint endpoint(Request request) {
        String path = request.path;
        if (path.equals("auth/token/lookup-self") && request.method.equals("GET")) {
            return Endpoint.TOKEN_LOOKUP_SELF;
        }
        if (path.equals("auth/token/renew-self") && request.isWrite()) {
            return Endpoint.TOKEN_RENEW_SELF;
        }
        if (appRoleMount != null && path.equals("auth/" + appRoleMount + "/login") && request.isWrite()) {
            return Endpoint.APPROLE_LOGIN;
        }
        if (kubernetesMount != null && path.equals("auth/" + kubernetesMount + "/login") && request.isWrite()) {
            return Endpoint.KUBERNETES_LOGIN;
        }
        if (request.kvPath != null && request.kvKind.equals("metadata")) {
            return request.isList()
                    ? Endpoint.KV_LIST
                    : request.method.equals("DELETE") ? Endpoint.KV_DELETE : Endpoint.UNKNOWN;
        }
        if (request.kvPath != null && request.kvKind.equals("data")) {
            return switch (request.method) {
                case "GET" -> Endpoint.KV_READ;
                case "POST", "PUT" -> Endpoint.KV_WRITE;
                case "DELETE" -> Endpoint.KV_DELETE;
                default -> Endpoint.UNKNOWN;
            };
        }
        return Endpoint.UNKNOWN;
    }

    private boolean authorised(Request request) {
        TokenState token = tokens.get(request.token == null ? "" : request.token);
        return token != null && !token.expired(clock.instant());
    }

    private Reply tokenOrKv(Endpoint endpoint, Request request) {
        return switch (endpoint) {
            case TOKEN_LOOKUP_SELF -> lookupSelf(request.token);
            case TOKEN_RENEW_SELF -> renewSelf(request.token);
            case KV_LIST -> list(request.kvPath);
            case KV_READ -> read(request.kvPath);
            case KV_WRITE -> write(request.kvPath, request.body);
            case KV_DELETE -> delete(request);
            default -> errors(404, "unsupported");
        };
    }

    // ---- KV v2 -------------------------------------------------------------------------------

    private Reply list(String path) {
        String prefix = path.isEmpty() ? "" : path + "/";
        TreeSet<String> children = new TreeSet<>();
        for (String key : kv.keySet()) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int slash = rest.indexOf('/');
                children.add(slash < 0 ? rest : rest.substring(0, slash + 1));
            }
        }
        if (children.isEmpty()) {
            return errors(404);
        }
        return ok(envelope(new JsonObject().put("keys", new JsonArray(new ArrayList<>(children)))));
    }

    private Reply read(String path) {
        List<Version> versions = kv.get(path);
        if (versions == null || versions.isEmpty()) {
            return errors(404);
        }
        Version latest = versions.get(versions.size() - 1);
        JsonObject metadata = latest.metadata(versions.size());
        if (latest.deletedAt != null) {
            // Real Vault answers a soft-deleted latest version with 404 and its metadata.
            return new Reply(
                    404,
                    envelope(new JsonObject().putNull("data").put("metadata", metadata))
                            .encode());
        }
        return ok(envelope(new JsonObject().put("data", latest.data.copy()).put("metadata", metadata)));
    }

    private Reply write(String path, String body) {
        JsonObject data = body.isBlank() ? null : new JsonObject(body).getJsonObject("data");
        if (data == null) {
            return errors(400, "no data provided");
        }
        int version = put(path, data.getMap());
        List<Version> versions = kv.get(path);
        return ok(envelope(versions.get(version - 1).metadata(version)));
    }

    private Reply delete(Request request) {
        if (!kv.containsKey(request.kvPath)) {
            return new Reply(204, null);
        }
        if (request.kvKind.equals("metadata")) {
            deleteMetadata(request.kvPath);
        } else {
            deleteLatest(request.kvPath);
        }
        return new Reply(204, null);
    }

    // ---- tokens ------------------------------------------------------------------------------

    private String issue(Duration tokenTtl, Duration tokenMaxTtl, boolean renewable) {
        String token = "hvs.double-" + UUID.randomUUID();
        tokens.put(token, new TokenState(clock.instant(), tokenTtl, tokenMaxTtl, renewable));
        return token;
    }

    private Reply lookupSelf(String token) {
        TokenState state = tokens.get(token);
        Instant now = clock.instant();
        JsonObject data = new JsonObject()
                .put("accessor", state.accessor)
                .put("creation_time", state.issuedAt.getEpochSecond())
                .put("creation_ttl", state.ttl.toSeconds())
                .put("display_name", "token")
                .put("entity_id", "")
                .put("expire_time", state.expiresAt == null ? null : state.expiresAt.toString())
                .put("explicit_max_ttl", 0)
                .put("id", token)
                .put("issue_time", state.issuedAt.toString())
                .putNull("meta")
                .put("num_uses", 0)
                .put("orphan", true)
                .put("path", "auth/token/create")
                .put("policies", new JsonArray().add("default").add("freeway"))
                .put("renewable", state.renewable)
                .put("ttl", state.remaining(now).toSeconds())
                .put("type", "service");
        return ok(envelope(data));
    }

    private Reply renewSelf(String token) {
        TokenState state = tokens.get(token);
        if (!state.renewable) {
            return errors(400, "lease is not renewable");
        }
        state.renew(clock.instant());
        return ok(authEnvelope(token, state));
    }

    private Reply appRoleLogin(Request request) {
        JsonObject body = request.json();
        if (!body.getString("role_id", "").equals(roleId)
                || !body.getString("secret_id", "").equals(secretId)) {
            return errors(400, "invalid role or secret ID");
        }
        String token = issue(ttl, maxTtl, true);
        return ok(authEnvelope(token, tokens.get(token)));
    }

    private Reply kubernetesLogin(Request request) {
        JsonObject body = request.json();
        if (!body.getString("role", "").equals(kubernetesRole)) {
            return errors(400, "invalid role name \"" + body.getString("role") + "\"");
        }
        if (!body.getString("jwt", "").equals(expectedJwt)) {
            return errors(403, "permission denied");
        }
        String token = issue(ttl, maxTtl, true);
        return ok(authEnvelope(token, tokens.get(token)));
    }

    private JsonObject authEnvelope(String token, TokenState state) {
        JsonArray policies = new JsonArray().add("default").add("freeway");
        JsonObject auth = new JsonObject()
                .put("client_token", token)
                .put("accessor", state.accessor)
                .put("policies", policies)
                .put("token_policies", policies.copy())
                .putNull("metadata")
                .put("lease_duration", state.remaining(clock.instant()).toSeconds())
                .put("renewable", state.renewable)
                .put("entity_id", "")
                .put("token_type", "service")
                .put("orphan", true);
        return envelope(null).put("auth", auth);
    }

    // ---- shapes ------------------------------------------------------------------------------

    private static JsonObject envelope(JsonObject data) {
        return new JsonObject()
                .put("request_id", UUID.randomUUID().toString())
                .put("lease_id", "")
                .put("renewable", false)
                .put("lease_duration", 0)
                .put("data", data)
                .putNull("wrap_info")
                .putNull("warnings")
                .putNull("auth");
    }

    private static Reply ok(JsonObject body) {
        return new Reply(200, body.encode());
    }

    private static Reply errors(int status, String... messages) {
        return new Reply(
                status,
                new JsonObject().put("errors", new JsonArray(List.of(messages))).encode());
    }

    private List<HttpExchange> drainHeld() {
        List<HttpExchange> drained = new ArrayList<>(held);
        held.clear();
        return drained;
    }

    private record Reply(int status, String body) {}

    /** One request, with the KV part of the path split out when it is under the mount. */
    private record Request(
            String method, String path, String query, String token, String body, String kvKind, String kvPath) {
        static Request of(HttpExchange exchange, String body, String kvMount) {
            String rawPath = exchange.getRequestURI().getPath();
            String path = rawPath.startsWith("/v1/") ? rawPath.substring(4) : rawPath;
            String kvKind = null;
            String kvPath = null;
            for (String kind : List.of("data", "metadata")) {
                String prefix = kvMount + "/" + kind;
                if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                    kvKind = kind;
                    kvPath = path.length() == prefix.length() ? "" : trimSlash(path.substring(prefix.length() + 1));
                }
            }
            return new Request(
                    exchange.getRequestMethod().toUpperCase(),
                    path,
                    exchange.getRequestURI().getQuery(),
                    exchange.getRequestHeaders().getFirst("X-Vault-Token"),
                    body,
                    kvKind,
                    kvPath);
        }

        boolean isWrite() {
            return method.equals("POST") || method.equals("PUT");
        }

        boolean isList() {
            return method.equals("LIST") || (method.equals("GET") && query != null && query.contains("list=true"));
        }

        JsonObject json() {
            return body.isBlank() ? new JsonObject() : new JsonObject(body);
        }

        private static String trimSlash(String path) {
            return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }
    }

    private static final class Version {
        final JsonObject data;
        final Instant createdAt;
        Instant deletedAt;

        Version(JsonObject data, Instant createdAt) {
            this.data = data;
            this.createdAt = createdAt;
        }

        JsonObject metadata(int version) {
            return new JsonObject()
                    .put("created_time", createdAt.toString())
                    .putNull("custom_metadata")
                    .put("deletion_time", deletedAt == null ? "" : deletedAt.toString())
                    .put("destroyed", false)
                    .put("version", version);
        }
    }

    /** A token's life: TTL from issue or last renewal, never past the max TTL. */
    private static final class TokenState {
        final String accessor = UUID.randomUUID().toString();
        final Instant issuedAt;
        final Duration ttl;
        final Instant maxExpiresAt;
        final boolean renewable;
        Instant expiresAt;

        TokenState(Instant issuedAt, Duration ttl, Duration maxTtl, boolean renewable) {
            this.issuedAt = issuedAt;
            this.ttl = ttl;
            this.renewable = renewable;
            this.maxExpiresAt = ttl.isZero() || maxTtl.isZero() ? null : issuedAt.plus(maxTtl);
            this.expiresAt = ttl.isZero() ? null : cap(issuedAt.plus(ttl));
        }

        boolean expired(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }

        Duration remaining(Instant now) {
            return expiresAt == null ? Duration.ZERO : Duration.between(now, expiresAt);
        }

        void renew(Instant now) {
            if (expiresAt != null) {
                expiresAt = cap(now.plus(ttl));
            }
        }

        private Instant cap(Instant expiry) {
            return maxExpiresAt != null && expiry.isAfter(maxExpiresAt) ? maxExpiresAt : expiry;
        }
    }

    /** A failure injected by {@link #failNext}. */
    private static final class Injection {
        final Endpoint endpoint;
        final int status;
        final String body;
        int remaining;

        Injection(Endpoint endpoint, int status, String body, int remaining) {
            this.endpoint = endpoint;
            this.status = status;
            this.body = body;
            this.remaining = remaining;
        }
    }
}
