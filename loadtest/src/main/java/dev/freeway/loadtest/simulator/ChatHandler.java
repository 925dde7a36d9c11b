package dev.freeway.loadtest.simulator;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One chat endpoint in one {@link WireDialect}: authenticate, validate, inject the configured failure,
 * apply the rate limits, then answer after the configured latency. Every format runs through this same
 * sequence, so limits, failures and figures behave alike whatever the wire. Shared by all server
 * instances, so it keeps no per-connection state.
 */
final class ChatHandler implements Handler<HttpServerRequest> {
    private static final String JSON = "application/json";
    /** Events a {@link FailureMode#STREAM_CUT} stream gets out before the connection drops. */
    private static final int CUT_STREAM_EVENTS = 2;

    private final Vertx vertx;
    private final SimulatorOptions options;
    private final Behaviour behaviour;
    private final RateLimiter limiter;
    private final SimulatorStats stats;
    private final AtomicLong sequence;
    private final WireDialect dialect;

    /** @param sequence numbers the replies; shared by the formats, so ids stay unique across them */
    ChatHandler(
            Vertx vertx,
            SimulatorOptions options,
            Behaviour behaviour,
            RateLimiter limiter,
            SimulatorStats stats,
            AtomicLong sequence,
            WireDialect dialect) {
        this.vertx = vertx;
        this.options = options;
        this.behaviour = behaviour;
        this.limiter = limiter;
        this.stats = stats;
        this.sequence = sequence;
        this.dialect = dialect;
    }

    @Override
    public void handle(HttpServerRequest request) {
        stats.recordStart(dialect.format());
        InFlight inFlight = new InFlight();
        request.response().endHandler(inFlight).closeHandler(inFlight);
        request.body().onSuccess(body -> respond(request, body));
    }

    private void respond(HttpServerRequest request, Buffer body) {
        HttpServerResponse response = request.response();
        String key = dialect.key(request);
        if (key == null) {
            sendError(response, dialect.error(FixedError.MISSING_KEY));
            return;
        }
        KeyTraffic traffic = stats.recordKey(key);
        ChatRequest chat;
        try {
            chat = dialect.parse(request, body, options.models().get(0));
        } catch (InvalidRequestException e) {
            sendError(response, e.error());
            return;
        }
        // Client errors are answered at once; latency stands for model time, so it delays only the rest.
        switch (behaviour.nextFailure()) {
            case NONE -> answer(request, key, traffic, chat);
            case ALWAYS_429 -> {
                long now = options.clock().millis();
                rateLimited(response, chat, traffic, limiter.exhausted(key, now), now);
            }
            case BAD_REQUEST_400 -> sendError(response, dialect.error(FixedError.BAD_REQUEST));
            case INVALID_KEY -> sendError(response, dialect.error(FixedError.INVALID_KEY));
            case ERROR_500 -> afterLatency(response, () -> sendError(response, dialect.error(FixedError.SERVER_ERROR)));
            case ERROR_503 -> afterLatency(response, () -> sendError(response, dialect.error(FixedError.OVERLOADED)));
            case RESET -> afterLatency(response, () -> drop(request));
            case HANG -> stats.recordStatus(0);
            case MALFORMED ->
                afterLatency(response, () -> {
                    Buffer complete =
                            dialect.completion(reply(chat, options.clock().millis()));
                    send(response, 200, complete.getBuffer(0, complete.length() / 2));
                });
            case STREAM_CUT ->
                afterLatency(response, () -> {
                    if (chat.stream()) {
                        stream(request, chat, reply(chat, options.clock().millis()), CUT_STREAM_EVENTS);
                    } else {
                        drop(request);
                    }
                });
        }
    }

    private void answer(HttpServerRequest request, String key, KeyTraffic traffic, ChatRequest chat) {
        HttpServerResponse response = request.response();
        long now = options.clock().millis();
        // The reply follows from the request alone, so its usage is known before it is "generated": the
        // request takes its tokens on admission, in the same windows as the request itself, and the
        // headers of streams and complete answers alike already count them.
        ChatReply reply = reply(chat, now);
        RateDecision decision = limiter.acquire(key, reply.totalTokens(), now);
        if (!decision.allowed()) {
            rateLimited(response, chat, traffic, decision, now);
            return;
        }
        traffic.recordAdmitted(now, reply.totalTokens());
        dialect.writeQuotaHeaders(decision, response.headers(), now);
        afterLatency(response, () -> {
            if (chat.stream()) {
                stream(request, chat, reply, SseStream.COMPLETE);
            } else {
                // Counted before the bytes leave, so a client that has its answer also sees it counted.
                stats.recordSuccess();
                send(response, 200, dialect.completion(reply));
            }
        });
    }

    private ChatReply reply(ChatRequest chat, long now) {
        return ChatReply.answer(chat, options.name(), sequence.incrementAndGet(), now / 1000);
    }

    private void stream(HttpServerRequest request, ChatRequest chat, ChatReply reply, int cutAfter) {
        stats.recordStatus(200);
        long interval = options.streamChunkInterval().toMillis();
        dialect.stream(vertx, request, chat, reply, interval, cutAfter, stats::recordSuccess)
                .start();
    }

    private void rateLimited(
            HttpServerResponse response, ChatRequest chat, KeyTraffic traffic, RateDecision decision, long now) {
        traffic.recordRateLimited(now);
        long retryAfter = options.retryAfterSeconds() > 0
                ? options.retryAfterSeconds()
                : decision.refusedBy().resetSeconds();
        sendError(response, dialect.rateLimited(chat, decision, retryAfter, response.headers(), now));
    }

    /** Runs {@code action} after the current latency, unless the client has given up by then. */
    private void afterLatency(HttpServerResponse response, Runnable action) {
        long millis = behaviour.latencyMillis();
        if (millis == 0) {
            action.run();
            return;
        }
        vertx.setTimer(millis, timer -> {
            if (!response.closed()) {
                action.run();
            }
        });
    }

    private void drop(HttpServerRequest request) {
        stats.recordStatus(0);
        request.connection().close();
    }

    private void sendError(HttpServerResponse response, ErrorReply error) {
        send(response, error.status(), error.body());
    }

    private void send(HttpServerResponse response, int status, Buffer body) {
        stats.recordStatus(status);
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body);
    }

    /** Ends the request's in-flight period exactly once, whether the response ends or the connection drops first. */
    private final class InFlight implements Handler<Void> {
        /** Only touched on the connection's event loop. */
        private boolean over;

        @Override
        public void handle(Void ignored) {
            if (!over) {
                over = true;
                stats.recordFinish();
            }
        }
    }
}
