package dev.freeway.gateway.api;

import dev.freeway.gateway.cluster.UsageCost;
import dev.freeway.gateway.cluster.UsageTotals;
import io.vertx.core.json.JsonObject;

/** One team's usage of one provider's model on one day, its provider keys summed. */
public record UsageLine(String day, String team, String provider, String model, UsageTotals totals) {

    /** One row of a usage report, without key material: provider and model only. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("day", day)
                .put("team", team)
                .put("provider", provider)
                .put("model", model)
                .put("requests", totals.requests())
                .put("prompt_tokens", totals.promptTokens())
                .put("completion_tokens", totals.completionTokens())
                .put("unmetered_requests", totals.unmetered())
                .put("cost_usd", UsageCost.usd(totals.costNanos()));
    }
}
