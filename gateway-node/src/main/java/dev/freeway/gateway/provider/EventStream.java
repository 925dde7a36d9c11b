package dev.freeway.gateway.provider;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * An upstream SSE stream relayed as OpenAI events: the mechanics every wire format shares. The
 * stream counts as started once its first OpenAI event exists (so everything before it is still a
 * failover), then pauses until the router hands it a sink. Subclasses turn each upstream event's
 * data into OpenAI events with {@link #emit}.
 *
 * <p>Events produced from one upstream read leave in one write: nothing waits, but a burst of
 * small chunks costs one syscall and one packet instead of one each.
 */
public abstract class EventStream implements UpstreamStream {
    private final HttpClientRequest request;
    private final HttpClientResponse response;
    protected final String provider;
    private final Promise<UpstreamStream> started = Promise.promise();
    private final SseEventSplitter splitter = new SseEventSplitter();
    private final ArrayDeque<Buffer> queued = new ArrayDeque<>();
    /** One instance for the stream's life: every upstream read passes it to the splitter. */
    private final Consumer<String> onEvent = this::dispatch;

    private Buffer first;
    private Buffer batch;
    private StreamSink sink;
    private boolean ended;
    private UpstreamFailure failure;

    protected EventStream(HttpClientRequest request, HttpClientResponse response, String provider) {
        this.request = request;
        this.response = response;
        this.provider = provider;
    }

    /** Starts reading; the future completes with this stream once its first event exists. */
    protected final Future<UpstreamStream> begin() {
        response.handler(this::onChunk);
        response.endHandler(v -> onEnd());
        response.exceptionHandler(this::onError);
        return started.future();
    }

    /** One upstream event's data (comments and {@code event:} lines already dropped). */
    protected abstract void onData(String data);

    /** The upstream body ended; emit any closing events. */
    protected void onUpstreamEnd() {}

    /** Tokens the stream reported; {@link Usage#UNKNOWN} when none. */
    protected abstract Usage usage();

    /** Queues one OpenAI event ({@code data: <payload>}) for the current write. */
    protected final void emit(String payload) {
        if (batch == null) {
            batch = Buffer.buffer(payload.length() + 8);
        }
        batch.appendString("data: ").appendString(payload).appendString("\n\n");
    }

    protected final boolean failed() {
        return failure != null;
    }

    @Override
    public ProviderQuota quota() {
        return RateLimitHeaders.parse(response.headers(), response.statusCode(), System.currentTimeMillis());
    }

    /** The first events, as they arrived together in one upstream read. */
    @Override
    public Buffer firstEvent() {
        return first;
    }

    @Override
    public void start(StreamSink sink) {
        this.sink = sink;
        while (!queued.isEmpty()) {
            sink.event(queued.poll());
        }
        if (failure != null) {
            sink.fail(failure);
        } else if (ended) {
            sink.end(usage());
        } else {
            response.resume();
        }
    }

    @Override
    public void pause() {
        response.pause();
    }

    @Override
    public void resume() {
        response.resume();
    }

    private void onChunk(Buffer chunk) {
        splitter.feed(chunk, onEvent);
        flush();
    }

    private void dispatch(String data) {
        if (failure == null) {
            onData(data);
        }
    }

    private void flush() {
        if (batch == null || failure != null) {
            return;
        }
        Buffer events = batch;
        batch = null;
        if (first == null) {
            first = events;
            response.pause();
            started.complete(this);
        } else if (sink == null) {
            queued.add(events);
        } else {
            sink.event(events);
        }
    }

    private void onEnd() {
        if (failure == null) {
            onUpstreamEnd();
            flush();
        }
        ended = true;
        if (first == null && failure == null) {
            started.tryFail(UpstreamFailure.of(UpstreamFailure.Kind.MALFORMED, provider + " sent an empty stream"));
        } else if (sink != null && failure == null) {
            sink.end(usage());
        }
    }

    /** The upstream broke or reported an error: a failover while nothing was sent, else the end. */
    protected final void onError(Throwable error) {
        if (failure != null || ended) {
            return;
        }
        failure = FailureClassifier.fromThrowable(error, provider);
        batch = null;
        if (first == null) {
            started.tryFail(failure);
            request.reset();
        } else if (sink != null) {
            sink.fail(failure);
        }
    }
}
