package dev.freeway.gateway.api;

import dev.freeway.gateway.catalog.ModelCatalog;
import dev.freeway.gateway.config.ModelConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/models}: OpenAI's list shape with {@code auto} and every model that has a key.
 * Built once: the catalog does not change while the node runs.
 */
public final class ModelsHandler {
    private final Buffer body;

    public ModelsHandler(ModelCatalog catalog, long createdEpochSeconds) {
        Map<String, String> owners = new LinkedHashMap<>();
        owners.put(ModelCatalog.AUTO, "freeway");
        for (ModelConfig model : catalog.servable()) {
            owners.merge(model.id(), model.provider(), (first, other) -> first);
        }
        JsonArray data = new JsonArray();
        owners.forEach((id, owner) -> data.add(new JsonObject()
                .put("id", id)
                .put("object", "model")
                .put("created", createdEpochSeconds)
                .put("owned_by", owner)));
        this.body = new JsonObject().put("object", "list").put("data", data).toBuffer();
    }

    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("content-type", "application/json").end(body);
    }
}
