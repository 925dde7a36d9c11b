package dev.freeway.gateway.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.provider.EventStream;
import dev.freeway.gateway.provider.UpstreamFailure;
import dev.freeway.gateway.provider.UpstreamStream;
import dev.freeway.gateway.provider.Usage;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.io.IOException;

/**
 * An OpenAI SSE stream relayed event by event, unparsed. Usage is always requested upstream (the
 * ledger needs it); the usage-only chunk is dropped again when the client did not ask for it.
 */
final class OpenAiStream extends EventStream {
    private static final String DONE = "[DONE]";
    private static final String NULL_USAGE = ",\"usage\":null";

    private final boolean clientWantsUsage;
    private Usage usage = Usage.UNKNOWN;

    private OpenAiStream(
            HttpClientRequest request, HttpClientResponse response, boolean clientWantsUsage, String provider) {
        super(request, response, provider);
        this.clientWantsUsage = clientWantsUsage;
    }

    static Future<UpstreamStream> start(
            HttpClientRequest request, HttpClientResponse response, boolean clientWantsUsage, String provider) {
        return new OpenAiStream(request, response, clientWantsUsage, provider).begin();
    }

    @Override
    protected Usage usage() {
        return usage;
    }

    @Override
    protected void onData(String data) {
        if (DONE.equals(data)) {
            return;
        }
        if (data.startsWith("{\"error\"")) {
            onError(UpstreamFailure.of(UpstreamFailure.Kind.SERVER_ERROR, provider + " sent an error in the stream"));
            return;
        }
        if (carriesUsage(data) && !keepAfterUsage(data)) {
            return;
        }
        emit(clientWantsUsage ? data : withoutNullUsage(data));
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
}
