package dev.freeway.gateway.api;

import dev.freeway.gateway.provider.StreamSink;
import dev.freeway.gateway.provider.UpstreamFailure;
import dev.freeway.gateway.provider.UpstreamStream;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.routing.ChatCompletionFlow;
import dev.freeway.gateway.routing.ChatRequest;
import dev.freeway.gateway.routing.Served;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Relays a started upstream stream to the client event by event (never buffered), with
 * back-pressure both ways. Headers go out with the first event; after that a failure can only be
 * reported in the stream.
 *
 * <p>A client that hangs up does not end the upstream call: the stream is read to its end and its
 * events dropped, because the provider charges the key for what it generates whether anyone reads
 * it or not, and only the end of the stream says how much that was. The cost is bounded: the
 * answer's length was reserved before the call, and the idle timeout still applies.
 */
final class StreamRelay implements StreamSink {
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final HttpServerResponse response;
    private final UpstreamStream stream;
    private final ChatCompletionFlow flow;
    private final ChatRequest request;
    private final String team;
    private final Served<UpstreamStream> served;
    private boolean finished;
    private boolean clientGone;

    private StreamRelay(
            HttpServerResponse response,
            ChatCompletionFlow flow,
            ChatRequest request,
            String team,
            Served<UpstreamStream> served) {
        this.response = response;
        this.stream = served.result();
        this.flow = flow;
        this.request = request;
        this.team = team;
        this.served = served;
    }

    static void relay(
            RoutingContext ctx,
            ChatRequest request,
            String team,
            Served<UpstreamStream> served,
            ChatCompletionFlow flow) {
        HttpServerResponse response = ctx.response();
        UpstreamStream stream = served.result();
        StreamRelay relay = new StreamRelay(response, flow, request, team, served);
        ChatCompletionsHandler.routingHeaders(response, served);
        response.setChunked(true)
                .putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-accel-buffering", "no");
        response.closeHandler(v -> relay.clientGone());
        response.write(stream.firstEvent());
        stream.start(relay);
    }

    @Override
    public void event(Buffer sseEvent) {
        if (finished || clientGone) {
            return;
        }
        response.write(sseEvent);
        if (response.writeQueueFull()) {
            stream.pause();
            response.drainHandler(v -> stream.resume());
        }
    }

    @Override
    public void end(Usage usage) {
        if (finish(usage) && !clientGone) {
            response.end(DONE);
        }
    }

    @Override
    public void fail(UpstreamFailure failure) {
        if (finish(Usage.UNKNOWN)) {
            flow.brokeOff(served);
            if (clientGone) {
                return;
            }
            GatewayError error = new GatewayError(
                    502,
                    "server_error",
                    "upstream_stream_broken",
                    null,
                    "The provider's stream broke off: " + failure.getMessage() + ".",
                    0);
            response.end(Buffer.buffer("data: ")
                    .appendBuffer(error.toJson().toBuffer())
                    .appendString("\n\n"));
        }
    }

    private void clientGone() {
        if (!finished) {
            clientGone = true;
            stream.resume();
        }
    }

    private boolean finish(Usage usage) {
        if (finished) {
            return false;
        }
        finished = true;
        flow.finish(request, team, served, usage);
        return true;
    }
}
