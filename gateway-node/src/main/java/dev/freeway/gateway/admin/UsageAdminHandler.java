package dev.freeway.gateway.admin;

import dev.freeway.gateway.api.GatewayError;
import dev.freeway.gateway.api.UsageLine;
import dev.freeway.gateway.api.UsageReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.format.DateTimeParseException;

/** {@code GET /admin/usage[?day=YYYY-MM-DD]}: every team's usage on a UTC day, today by default. */
final class UsageAdminHandler {
    private final UsageReport report;
    private final Clock clock;

    UsageAdminHandler(UsageReport report, Clock clock) {
        this.report = report;
        this.clock = clock;
    }

    void handle(RoutingContext ctx) {
        String day;
        try {
            day = UsageReport.day(ctx.queryParams().get("day"), clock);
        } catch (DateTimeParseException e) {
            ctx.fail(GatewayError.invalidRequest("day", "day must be a date as YYYY-MM-DD."));
            return;
        }
        report.allTeams(day)
                .onSuccess(lines -> {
                    JsonArray data = new JsonArray();
                    lines.stream().map(UsageLine::toJson).forEach(data::add);
                    ctx.response()
                            .putHeader("content-type", "application/json")
                            .end(new JsonObject()
                                    .put("object", "usage")
                                    .put("day", day)
                                    .put("data", data)
                                    .toBuffer());
                })
                .onFailure(ctx::fail);
    }
}
