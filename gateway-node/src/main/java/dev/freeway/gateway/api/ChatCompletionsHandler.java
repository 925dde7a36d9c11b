package dev.freeway.gateway.api;

import dev.freeway.gateway.auth.Authenticator;
import dev.freeway.gateway.auth.Team;
import dev.freeway.gateway.metrics.GatewayMetrics;
import dev.freeway.gateway.provider.ChatResult;
import dev.freeway.gateway.provider.UpstreamFailure;
import dev.freeway.gateway.routing.ChatCompletionFlow;
import dev.freeway.gateway.routing.ChatRequest;
import dev.freeway.gateway.routing.Served;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/chat/completions}: parse, route, and answer as JSON or as a relayed stream. */
public final class ChatCompletionsHandler {
    public static final String ROUTED_VIA = "x-routed-via";
    public static final String FALLBACK_ATTEMPTS = "x-fallback-attempts";

    private final ChatRequestParser parser = new ChatRequestParser();
    private final ChatCompletionFlow flow;
    private final GatewayMetrics metrics;

    public ChatCompletionsHandler(ChatCompletionFlow flow, GatewayMetrics metrics) {
        this.flow = flow;
        this.metrics = metrics;
    }

    /**
     * Counts this route's answers by team and status, registered ahead of authentication so that
     * refused keys count too. The status is read when the head is written, the one moment every
     * answer passes: successes, mapped errors, passed-through upstream refusals, and streams whose
     * client hangs up before the end.
     */
    public void countAnswer(RoutingContext ctx) {
        ctx.addHeadersEndHandler(written -> {
            Team team = ctx.get(Authenticator.TEAM);
            metrics.request(team == null ? null : team.name(), ctx.response().getStatusCode());
        });
        ctx.next();
    }

    public void handle(RoutingContext ctx) {
        ChatRequest request = parser.parse(ctx.body().buffer(), ctx.request().getHeader("x-session-id"));
        Team team = ctx.get(Authenticator.TEAM);
        if (request.stream()) {
            flow.stream(request, team.name())
                    .onSuccess(served -> StreamRelay.relay(ctx, request, team.name(), served, flow))
                    .onFailure(error -> fail(ctx, error));
        } else {
            flow.complete(request, team.name())
                    .onSuccess(served -> respond(ctx, request, team.name(), served))
                    .onFailure(error -> fail(ctx, error));
        }
    }

    static void routingHeaders(HttpServerResponse response, Served<?> served) {
        response.putHeader(ROUTED_VIA, served.candidate().target())
                .putHeader(FALLBACK_ATTEMPTS, Integer.toString(served.failedAttempts()));
    }

    private void respond(RoutingContext ctx, ChatRequest request, String team, Served<ChatResult> served) {
        HttpServerResponse response = ctx.response();
        routingHeaders(response, served);
        response.putHeader("content-type", "application/json")
                .end(served.result().body());
        flow.finish(request, team, served, served.result().usage());
    }

    private static void fail(RoutingContext ctx, Throwable error) {
        if (error instanceof UpstreamFailure failure && !failure.retryable()) {
            UpstreamErrors.passThrough(ctx.response(), failure);
        } else {
            ctx.fail(error);
        }
    }
}
