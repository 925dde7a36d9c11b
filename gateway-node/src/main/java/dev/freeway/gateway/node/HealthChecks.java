package dev.freeway.gateway.node;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * Liveness says the process serves HTTP. Readiness says this node should get traffic: the cluster
 * member runs with a quorum and the node is not draining.
 */
final class HealthChecks {
    private final Supplier<String> clusterProblem;
    private volatile boolean draining;

    HealthChecks(Supplier<String> clusterProblem) {
        this.clusterProblem = clusterProblem;
    }

    void drain() {
        draining = true;
    }

    /**
     * While draining, every answer asks the client to close its connection, so no idle keep-alive
     * connection is left for a client to send its next request on just as the server closes it;
     * the client's next request opens a new connection, which the load balancer sends elsewhere.
     */
    void closeWhileDraining(RoutingContext ctx) {
        if (draining) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        ctx.next();
    }

    void live(RoutingContext ctx) {
        ctx.json(new JsonObject().put("status", "UP"));
    }

    void ready(RoutingContext ctx) {
        String reason = draining ? "draining" : clusterProblem.get();
        JsonObject body = new JsonObject().put("status", reason == null ? "UP" : "DOWN");
        if (reason != null) {
            body.put("reason", reason);
        }
        ctx.response().setStatusCode(reason == null ? 200 : 503);
        ctx.json(body);
    }
}
