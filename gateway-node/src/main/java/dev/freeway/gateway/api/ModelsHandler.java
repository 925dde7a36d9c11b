package dev.freeway.gateway.api;

import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.catalog.ModelCatalog;
import dev.freeway.gateway.catalog.ModelState;
import dev.freeway.gateway.config.CapabilitiesConfig;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.limits.CapacityView;
import dev.freeway.gateway.limits.Window;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /v1/models}: OpenAI's list shape with {@code auto} and every model that serves, each
 * with extra fields OpenAI SDKs ignore: whether it serves, its context window and capabilities,
 * and per provider the remaining capacity as this node last saw it. {@code ?all=true} adds the
 * models that do not serve, with the reason.
 */
public final class ModelsHandler {
    private final Supplier<ModelCatalog> catalog;
    private final CapacityView capacity;
    private final Clock clock;
    private final long created;

    public ModelsHandler(Supplier<ModelCatalog> catalog, CapacityView capacity, Clock clock) {
        this.catalog = catalog;
        this.capacity = capacity;
        this.clock = clock;
        this.created = clock.instant().getEpochSecond();
    }

    public void handle(RoutingContext ctx) {
        boolean all = "true".equals(ctx.request().getParam("all"));
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        byId.put(ModelCatalog.AUTO, entry(ModelCatalog.AUTO, "freeway").put("enabled", true));
        long now = clock.millis();
        ModelCatalog catalog = this.catalog.get();
        for (ModelState state : catalog.states()) {
            if (!state.enabled() && !all) {
                continue;
            }
            ModelConfig model = state.model();
            JsonObject entry = byId.computeIfAbsent(
                    model.id(),
                    id -> entry(id, model.provider())
                            .put("enabled", false)
                            .put("context_window", 0)
                            .put("providers", new JsonArray()));
            entry.put("enabled", entry.getBoolean("enabled") || state.enabled());
            entry.put("context_window", Math.max(entry.getInteger("context_window"), model.contextWindow()));
            entry.getJsonArray("providers").add(provider(catalog, state, now));
        }
        JsonObject body = new JsonObject().put("object", "list").put("data", new JsonArray(List.copyOf(byId.values())));
        ctx.response().putHeader("content-type", "application/json").end(body.toBuffer());
    }

    private JsonObject entry(String id, String owner) {
        return new JsonObject()
                .put("id", id)
                .put("object", "model")
                .put("created", created)
                .put("owned_by", owner);
    }

    private JsonObject provider(ModelCatalog catalog, ModelState state, long now) {
        ModelConfig model = state.model();
        CapabilitiesConfig can = model.capabilities();
        JsonObject provider = new JsonObject()
                .put("id", model.provider() + "/" + model.id())
                .put("enabled", state.enabled())
                .put("keys", state.keys())
                .put("context_window", model.contextWindow())
                .put("max_output_tokens", model.maxOutputTokens())
                .put("score", model.score())
                .put(
                        "capabilities",
                        new JsonObject()
                                .put("tools", can.tools())
                                .put("json", can.json())
                                .put("vision", can.vision())
                                .put("streaming", can.streaming()));
        if (!state.enabled()) {
            return provider.put("reason", state.reason());
        }
        if (!model.price().free()) {
            provider.put(
                    "price_per_million",
                    new JsonObject()
                            .put("input", model.price().input())
                            .put("output", model.price().output()));
        }
        JsonObject remaining =
                remaining(catalog.resolve(model.provider() + "/" + model.id()).orElse(List.of()), now);
        return remaining.isEmpty() ? provider : provider.put("remaining", remaining);
    }

    /** Summed over the model's scopes (keys of one project count once), per limited window: what this node last saw left. */
    private JsonObject remaining(List<Candidate> candidates, long now) {
        JsonObject remaining = new JsonObject();
        for (Window window : Window.all()) {
            long sum = -1;
            Set<String> counted = new HashSet<>();
            for (Candidate candidate : candidates) {
                if (!counted.add(candidate.scope())) {
                    continue;
                }
                long left = capacity.remaining(candidate.scope(), candidate.limits(), window, now);
                if (left >= 0) {
                    sum = Math.max(sum, 0) + left;
                }
            }
            if (sum >= 0) {
                remaining.put(name(window), sum);
            }
        }
        return remaining;
    }

    private static String name(Window window) {
        return switch (window) {
            case REQUESTS_MINUTE -> "requests_per_minute";
            case REQUESTS_DAY -> "requests_per_day";
            case TOKENS_MINUTE -> "tokens_per_minute";
            case TOKENS_DAY -> "tokens_per_day";
        };
    }
}
