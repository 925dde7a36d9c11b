package dev.freeway.gateway.provider.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.provider.EventStream;
import dev.freeway.gateway.provider.FailureClassifier;
import dev.freeway.gateway.provider.UpstreamFailure;
import dev.freeway.gateway.provider.UpstreamStream;
import dev.freeway.gateway.provider.Usage;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A platform's own stream format relayed as OpenAI chunks through its {@link StreamTranslator}.
 * Adds the usage chunk when the client asked for it, as OpenAI does, from the platform's counts.
 */
final class TranslatedStream extends EventStream {
    private final StreamTranslator translator;
    private final WireCall call;
    private final boolean clientWantsUsage;
    private final Consumer<ObjectNode> out = this::write;

    private TranslatedStream(
            HttpClientRequest request,
            HttpClientResponse response,
            StreamTranslator translator,
            WireCall call,
            boolean clientWantsUsage,
            String provider) {
        super(request, response, provider);
        this.translator = translator;
        this.call = call;
        this.clientWantsUsage = clientWantsUsage;
    }

    static Future<UpstreamStream> start(
            HttpClientRequest request,
            HttpClientResponse response,
            StreamTranslator translator,
            WireCall call,
            boolean clientWantsUsage,
            String provider) {
        return new TranslatedStream(request, response, translator, call, clientWantsUsage, provider).begin();
    }

    @Override
    protected void onData(String data) {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(data);
        } catch (IOException e) {
            onError(UpstreamFailure.of(UpstreamFailure.Kind.MALFORMED, provider + " sent an event that is not JSON"));
            return;
        }
        try {
            translator.onEvent(event, out);
        } catch (StreamTranslator.ErrorEvent error) {
            ErrorReading reading = error.reading().kind() == null
                    ? new ErrorReading(
                            UpstreamFailure.Kind.SERVER_ERROR,
                            null,
                            0,
                            error.reading().message())
                    : error.reading();
            // The request's own fault still needs a real status for the client; the body stays empty
            // because a stream event's text is not scrubbed of the key.
            int status = reading.kind() == UpstreamFailure.Kind.CLIENT_ERROR ? 400 : 0;
            onError(FailureClassifier.fromAnswer(
                    status, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(), reading, provider));
        } catch (WireException e) {
            onError(UpstreamFailure.of(UpstreamFailure.Kind.MALFORMED, provider + ": " + e.getMessage()));
        }
    }

    @Override
    protected void onUpstreamEnd() {
        translator.onEnd(out);
        Usage usage = translator.usage();
        if (clientWantsUsage && usage.known()) {
            write(call.chunks().usageChunk(usage));
        }
    }

    @Override
    protected Usage usage() {
        return translator.usage();
    }

    private void write(ObjectNode chunk) {
        emit(chunk.toString());
    }
}
