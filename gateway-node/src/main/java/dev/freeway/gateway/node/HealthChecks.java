package dev.freeway.gateway.node;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * Liveness says the process serves HTTP. Readiness says this node should get traffic: the cluster
 * member runs and the node is not draining.
 */
final class HealthChecks {
    private final BooleanSupplier clusterRunning;
    private volatile boolean draining;

    HealthChecks(BooleanSupplier clusterRunning) {
        this.clusterRunning = clusterRunning;
    }

    void drain() {
        draining = true;
    }

    void live(RoutingContext ctx) {
        ctx.json(new JsonObject().put("status", "UP"));
    }

    void ready(RoutingContext ctx) {
        String reason = draining ? "draining" : clusterRunning.getAsBoolean() ? null : "cluster member not running";
        JsonObject body = new JsonObject().put("status", reason == null ? "UP" : "DOWN");
        if (reason != null) {
            body.put("reason", reason);
        }
        ctx.response().setStatusCode(reason == null ? 200 : 503);
        ctx.json(body);
    }
}
