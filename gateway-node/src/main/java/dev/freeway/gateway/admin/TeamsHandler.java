package dev.freeway.gateway.admin;

import dev.freeway.gateway.cluster.SharedTable;
import dev.freeway.gateway.config.ConfigException;
import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.config.TeamConfigJson;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.routing.TeamPolicy;
import dev.freeway.gateway.routing.TeamSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/teams[/{team}]}: read every team's settings, and set one team's (limits, weight,
 * models, data policy), creating it if need be. A change goes to the cluster's team table, so
 * every node applies it; the settings replace the team's whole entry, config file's included,
 * until the next change.
 */
final class TeamsHandler {
    private static final Logger AUDIT = LoggerFactory.getLogger("freeway.audit");
    /** New teams get plain names only: they reach logs, metrics and ledger scopes. */
    static final Pattern TEAM_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final TeamPolicy teams;
    private final SharedTable table;
    private final Clock clock;

    TeamsHandler(TeamPolicy teams, SharedTable table, Clock clock) {
        this.teams = teams;
        this.table = table;
        this.clock = clock;
    }

    void list(RoutingContext ctx) {
        JsonArray data = new JsonArray();
        teams.entries().forEach((name, entry) -> data.add(view(name, entry)));
        ctx.json(new JsonObject().put("data", data));
    }

    void get(RoutingContext ctx) {
        String name = ctx.pathParam("team");
        TeamPolicy.Entry entry = teams.entry(name);
        if (entry == null) {
            ctx.fail(AdminErrors.teamNotFound());
            return;
        }
        ctx.json(view(name, entry));
    }

    void put(RoutingContext ctx) {
        String name = ctx.pathParam("team");
        TeamPolicy.Entry current = teams.entry(name);
        if (current == null && !TEAM_NAME.matcher(name).matches()) {
            ctx.fail(AdminErrors.badBody("A team name is 1-64 letters, digits, '.', '_' or '-'."));
            return;
        }
        TeamConfig config;
        try {
            config =
                    TeamConfigJson.read(Json.MAPPER.readTree(ctx.body().buffer().getBytes()));
        } catch (ConfigException e) {
            ctx.fail(AdminErrors.badBody(String.join("; ", e.problems())));
            return;
        } catch (IOException | RuntimeException e) {
            ctx.fail(AdminErrors.badBody("The body must be a JSON object of team settings."));
            return;
        }
        long revision = Math.max(clock.millis(), current == null ? 1 : current.revision() + 1);
        TeamSettings settings = new TeamSettings(config, revision);
        table.put(name, settings.encode())
                .onSuccess(done -> {
                    teams.apply(name, settings);
                    AUDIT.info("admin set team {} to revision {} from {}", name, revision, AuditSource.of(ctx));
                    ctx.response().setStatusCode(current == null ? 201 : 200);
                    ctx.json(view(name, teams.entry(name)));
                })
                .onFailure(ctx::fail);
    }

    private JsonObject view(String name, TeamPolicy.Entry entry) {
        JsonObject settings = new JsonObject(Json.MAPPER.convertValue(TeamConfigJson.write(entry.config()), Map.class));
        return new JsonObject()
                .put("name", name)
                .put("source", entry.revision() == 0 ? "config" : "admin")
                .put("revision", entry.revision())
                .mergeIn(settings)
                .put(
                        "excluded_providers",
                        new JsonArray(new TreeSet<>(teams.rules(name).excludedProviders())
                                .stream().toList()));
    }
}
