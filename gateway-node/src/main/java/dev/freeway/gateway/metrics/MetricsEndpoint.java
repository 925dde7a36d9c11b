package dev.freeway.gateway.metrics;

import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics} for Prometheus. The text is rendered on a worker thread: a scrape takes
 * about a millisecond and more with many threads (the thread-state gauges walk every thread), and
 * the admin listener may share an event loop with the data plane.
 */
public final class MetricsEndpoint {
    private final GatewayMetrics metrics;

    public MetricsEndpoint(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    public void handle(RoutingContext ctx) {
        ctx.vertx()
                .executeBlocking(metrics::scrape, false)
                .onSuccess(text -> ctx.response()
                        .putHeader("content-type", GatewayMetrics.CONTENT_TYPE)
                        .end(text))
                .onFailure(ctx::fail);
    }
}
