package dev.freeway.gateway.admin;

import dev.freeway.gateway.api.ErrorMapper;
import dev.freeway.gateway.api.UsageReport;
import dev.freeway.gateway.auth.IssuedKeys;
import dev.freeway.gateway.cluster.SharedTable;
import dev.freeway.gateway.metrics.MetricsEndpoint;
import dev.freeway.gateway.routing.TeamPolicy;
import dev.freeway.gateway.secrets.KeySnapshot;
import dev.freeway.gateway.secrets.local.KeyStoreAdmin;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The admin listener's route table. It is served on its own port, apart from the data plane, and
 * every route but {@code GET /metrics} (unknown ones too, so they reveal nothing) first requires
 * the admin token.
 *
 * <pre>
 * GET    /admin/keys                      every provider's keys, masked
 * POST   /admin/keys/{provider}           {"value", "account"?, "project"?} -> 201 + the masked key
 * DELETE /admin/keys/{provider}/{ref}     ref = index or last 4 characters -> 204, or 404
 * POST   /admin/teams/{team}/keys         -> 201 {"id", "key", "team", "created_at"}, the key shown once
 * GET    /admin/teams/{team}/keys         ids, created_at, revoked and last 4 characters
 * DELETE /admin/teams/{team}/keys/{id}    revoke, on every node -> 204, or 404
 * GET    /admin/teams                     every team's settings, from the config or set here
 * GET    /admin/teams/{team}              one team's
 * PUT    /admin/teams/{team}              {"weight", "limits", "models", "exclude_terms"} -> 200, or
 *                                         201 for a new team; applied on every node
 * </pre>
 */
public final class AdminRouter {
    /** A key with its labels is well under 1 KiB; nothing larger has a reason to arrive here. */
    static final long BODY_LIMIT_BYTES = 16 * 1024;

    private final AdminAuth auth;
    private final KeyStoreAdmin store;
    private final Supplier<KeySnapshot> serving;
    private final IssuedKeys clientKeys;
    private final TeamPolicy teams;
    private final SharedTable teamTable;
    private final UsageAdminHandler usage;
    private final Clock clock;
    private final MetricsEndpoint metrics;

    /**
     * @param adminToken kept only as its SHA-256 digest
     * @param store where keys are changed; null when this node's keys are managed elsewhere
     *     (Vault), which makes POST and DELETE answer 409
     * @param serving the keys the node currently serves, from whatever source; called on the event
     *     loop, so it must not block
     * @param clientKeys client keys issued at runtime; null leaves the /admin/teams routes out
     * @param teams every team's settings
     * @param teamTable where changed team settings go, so every node applies them
     * @param usage every team's usage; null leaves /admin/usage out
     * @param clock decides which UTC day is today and stamps team settings' revisions
     * @param metrics serves {@code GET /metrics} without the token: Prometheus scrapes it from
     *     inside the cluster, the port is meant to be reachable only from there, and no label
     *     holds a secret
     */
    public AdminRouter(
            String adminToken,
            KeyStoreAdmin store,
            Supplier<KeySnapshot> serving,
            IssuedKeys clientKeys,
            TeamPolicy teams,
            SharedTable teamTable,
            UsageReport usage,
            Clock clock,
            MetricsEndpoint metrics) {
        this.metrics = metrics;
        this.auth = new AdminAuth(adminToken);
        this.store = store;
        this.serving = serving;
        this.clientKeys = clientKeys;
        this.teams = teams;
        this.teamTable = teamTable;
        this.usage = usage == null ? null : new UsageAdminHandler(usage, clock);
        this.clock = clock;
    }

    public Router build(Vertx vertx) {
        KeysHandler keys = new KeysHandler(vertx, store, serving);
        Router router = Router.router(vertx);
        router.get("/metrics").handler(metrics::handle);
        router.route().handler(auth::handle);
        router.post().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        router.put().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        router.get("/admin/keys").handler(keys::list);
        router.post("/admin/keys/:provider").handler(keys::add);
        router.delete("/admin/keys/:provider/:key").handler(keys::remove);
        if (clientKeys != null) {
            ClientKeysHandler issued = new ClientKeysHandler(clientKeys, teams);
            router.post("/admin/teams/:team/keys").handler(issued::issue);
            router.get("/admin/teams/:team/keys").handler(issued::list);
            router.delete("/admin/teams/:team/keys/:id").handler(issued::revoke);
            TeamsHandler settings = new TeamsHandler(teams, teamTable, clock);
            router.get("/admin/teams").handler(settings::list);
            router.get("/admin/teams/:team").handler(settings::get);
            router.put("/admin/teams/:team").handler(settings::put);
        }
        if (usage != null) {
            router.get("/admin/usage").handler(usage::handle);
        }
        router.route().failureHandler(ErrorMapper::handle);
        router.errorHandler(404, ErrorMapper::handle);
        router.errorHandler(405, ErrorMapper::handle);
        return router;
    }
}
