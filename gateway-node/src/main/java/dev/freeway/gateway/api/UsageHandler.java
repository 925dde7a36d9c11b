package dev.freeway.gateway.api;

import dev.freeway.gateway.auth.Authenticator;
import dev.freeway.gateway.auth.Team;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code GET /v1/usage[?day=YYYY-MM-DD]}: the calling key's team's usage on a UTC day, today by default. */
public final class UsageHandler {
    private final UsageReport report;
    private final Clock clock;

    public UsageHandler(UsageReport report, Clock clock) {
        this.report = report;
        this.clock = clock;
    }

    public void handle(RoutingContext ctx) {
        Team team = ctx.get(Authenticator.TEAM);
        String day;
        try {
            day = UsageReport.day(ctx.queryParams().get("day"), clock);
        } catch (DateTimeParseException e) {
            ctx.fail(GatewayError.invalidRequest("day", "day must be a date as YYYY-MM-DD."));
            return;
        }
        // The team comes from the key, never from the request: a key sees its own team alone.
        report.team(team.name(), day)
                .onSuccess(lines -> ctx.response()
                        .putHeader("content-type", "application/json")
                        .end(toJson(team.name(), lines).toBuffer()))
                .onFailure(ctx::fail);
    }

    static JsonObject toJson(String team, List<UsageLine> lines) {
        JsonArray data = new JsonArray();
        lines.forEach(line -> data.add(line.toJson()));
        return new JsonObject().put("object", "usage").put("team", team).put("data", data);
    }
}
