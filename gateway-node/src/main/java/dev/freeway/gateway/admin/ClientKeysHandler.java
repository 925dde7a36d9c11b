package dev.freeway.gateway.admin;

import dev.freeway.gateway.auth.IssuedKeys;
import dev.freeway.gateway.routing.TeamPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/teams/{team}/keys}: issue, list and revoke client keys. Changes go to the cluster
 * table, so every node applies them; the audit log names keys by id, never by value.
 */
final class ClientKeysHandler {
    private static final Logger AUDIT = LoggerFactory.getLogger("freeway.audit");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

    private final IssuedKeys keys;
    private final TeamPolicy teams;

    /** @param teams when none is described, any plain name is accepted (it reaches the log) */
    ClientKeysHandler(IssuedKeys keys, TeamPolicy teams) {
        this.keys = keys;
        this.teams = teams;
    }

    void issue(RoutingContext ctx) {
        String team = team(ctx);
        if (team == null) {
            return;
        }
        keys.issue(team)
                .onSuccess(issued -> {
                    audit("issued", team, issued.id(), ctx);
                    ctx.response().setStatusCode(201).putHeader("cache-control", "no-store");
                    ctx.json(new JsonObject()
                            .put("id", issued.id())
                            .put("key", issued.key())
                            .put("team", team)
                            .put("created_at", issued.createdAt().toString()));
                })
                .onFailure(ctx::fail);
    }

    void list(RoutingContext ctx) {
        String team = team(ctx);
        if (team == null) {
            return;
        }
        JsonArray listed = new JsonArray();
        keys.list(team)
                .forEach(key -> listed.add(new JsonObject()
                        .put("id", key.id())
                        .put("created_at", key.createdAt().toString())
                        .put("revoked", key.revoked())
                        .put("last4", key.last4())));
        ctx.json(new JsonObject().put("team", team).put("keys", listed));
    }

    void revoke(RoutingContext ctx) {
        String team = team(ctx);
        if (team == null) {
            return;
        }
        String id = ctx.pathParam("id");
        if (!KEY_ID.matcher(id).matches()) {
            ctx.fail(AdminErrors.clientKeyNotFound(team));
            return;
        }
        keys.revoke(team, id)
                .onSuccess(revoked -> {
                    if (!revoked) {
                        ctx.fail(AdminErrors.clientKeyNotFound(team));
                        return;
                    }
                    audit("revoked", team, id, ctx);
                    ctx.response().setStatusCode(204).end();
                })
                .onFailure(ctx::fail);
    }

    /** The path's team, or null after failing the request with 404. */
    private String team(RoutingContext ctx) {
        String team = ctx.pathParam("team");
        boolean known = teams.any()
                ? teams.defined(team)
                : TeamsHandler.TEAM_NAME.matcher(team).matches();
        if (!known) {
            ctx.fail(AdminErrors.teamNotFound());
            return null;
        }
        return team;
    }

    private static void audit(String what, String team, String id, RoutingContext ctx) {
        AUDIT.info("admin {} client key {} of team {} from {}", what, id, team, AuditSource.of(ctx));
    }
}
