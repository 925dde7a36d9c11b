package dev.freeway.gateway.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.provider.FailureClassifier;
import dev.freeway.gateway.provider.ProviderQuota;
import dev.freeway.gateway.provider.RateLimitHeaders;
import dev.freeway.gateway.provider.SseEventSplitter;
import dev.freeway.gateway.provider.StreamSink;
import dev.freeway.gateway.provider.UpstreamFailure;
import dev.freeway.gateway.provider.UpstreamStream;
import dev.freeway.gateway.provider.Usage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * An OpenAI SSE stream relayed event by event. Usage is always requested upstream (the ledger
 * needs it); the usage-only chunk is dropped again when the client did not ask for it.
 */
final class OpenAiStream implements UpstreamStream {
    private static final String DONE = "[DONE]";
    private static final String NULL_USAGE = ",\"usage\":null";

    private final HttpClientRequest request;
    private final HttpClientResponse response;
    private final boolean clientWantsUsage;
    private final String provider;
    private final Promise<UpstreamStream> started = Promise.promise();
    private final SseEventSplitter splitter = new SseEventSplitter();
    private final ArrayDeque<Buffer> queued = new ArrayDeque<>();
    private Buffer first;
    private Buffer batch;
    private StreamSink sink;
    private Usage usage = Usage.UNKNOWN;
    private boolean ended;
    private UpstreamFailure failure;

    private OpenAiStream(
            HttpClientRequest request, HttpClientResponse response, boolean clientWantsUsage, String provider) {
        this.request = request;
        this.response = response;
        this.clientWantsUsage = clientWantsUsage;
        this.provider = provider;
    }

    static Future<UpstreamStream> start(
            HttpClientRequest request, HttpClientResponse response, boolean clientWantsUsage, String provider) {
        OpenAiStream stream = new OpenAiStream(request, response, clientWantsUsage, provider);
        response.handler(stream::onChunk);
        response.endHandler(v -> stream.onEnd());
        response.exceptionHandler(stream::onError);
        return stream.started.future();
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
            sink.end(usage);
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

    @Override
    public void cancel() {
        request.reset();
    }

    /**
     * Events that arrive in one upstream read leave in one write: nothing waits, but a burst of
     * small chunks costs one syscall and one packet instead of one each.
     */
    private void onChunk(Buffer chunk) {
        splitter.feed(chunk, this::onData);
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

    private void onData(String data) {
        if (DONE.equals(data) || failure != null) {
            return;
        }
        if (data.startsWith("{\"error\"")) {
            onError(UpstreamFailure.of(UpstreamFailure.Kind.SERVER_ERROR, provider + " sent an error in the stream"));
            return;
        }
        if (carriesUsage(data) && !keepAfterUsage(data)) {
            return;
        }
        String event = clientWantsUsage ? data : withoutNullUsage(data);
        if (batch == null) {
            batch = Buffer.buffer(event.length() + 8);
        }
        batch.appendString("data: ").appendString(event).appendString("\n\n");
    }

    /**
     * Usage is requested upstream for the ledger's sake; a client that did not ask for it gets
     * chunks without the {@code "usage":null} field that request adds, as OpenAI would send them.
     */
    static String withoutNullUsage(String data) {
        return data.contains(NULL_USAGE) ? data.replace(NULL_USAGE, "") : data;
    }

    /** Cheap test for a usage object, so the common {@code "usage":null} chunk is never parsed. */
    static boolean carriesUsage(String data) {
        int at = data.indexOf("\"usage\"");
        if (at < 0) {
            return false;
        }
        for (int i = at + 7; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c != ':' && !Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    /** Records the usage a chunk carries; false when the chunk exists only for usage the client did not ask for. */
    private boolean keepAfterUsage(String data) {
        try {
            JsonNode chunk = Json.MAPPER.readTree(data);
            Usage reported = Usage.fromOpenAi(chunk.get("usage"));
            if (reported.known()) {
                usage = reported;
            }
            JsonNode choices = chunk.get("choices");
            boolean usageOnly = choices != null && choices.isArray() && choices.isEmpty();
            return clientWantsUsage || !usageOnly;
        } catch (IOException e) {
            return true;
        }
    }

    private void onEnd() {
        ended = true;
        if (first == null) {
            started.tryFail(UpstreamFailure.of(UpstreamFailure.Kind.MALFORMED, provider + " sent an empty stream"));
        } else if (sink != null && failure == null) {
            sink.end(usage);
        }
    }

    private void onError(Throwable error) {
        if (failure != null || ended) {
            return;
        }
        failure = FailureClassifier.fromThrowable(error, provider);
        if (first == null) {
            started.tryFail(failure);
            request.reset();
        } else if (sink != null) {
            sink.fail(failure);
        }
    }
}
