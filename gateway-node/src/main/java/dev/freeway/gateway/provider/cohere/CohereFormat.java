package dev.freeway.gateway.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.provider.wire.ErrorReading;
import dev.freeway.gateway.provider.wire.StreamTranslator;
import dev.freeway.gateway.provider.wire.Translated;
import dev.freeway.gateway.provider.wire.WireCall;
import dev.freeway.gateway.provider.wire.WireFormat;
import dev.freeway.gateway.provider.wire.WireRequest;
import java.util.Map;

/**
 * Cohere's v2 chat API ({@code POST <base>/chat}, base {@code https://api.cohere.com/v2}) as a wire
 * format: OpenAI requests become Cohere bodies, and Cohere answers, event streams and error bodies
 * come back in OpenAI's shapes. Cohere fetches http image URLs itself, so images need no inlining.
 */
public final class CohereFormat implements WireFormat {
    private static final String PATH = "/chat";

    @Override
    public WireRequest request(WireCall call) {
        return new WireRequest(PATH, Map.of("authorization", "Bearer " + call.apiKey()), CohereRequestBody.of(call));
    }

    @Override
    public Translated answer(JsonNode body, WireCall call) {
        return CohereAnswer.translate(body, call);
    }

    @Override
    public StreamTranslator stream(WireCall call) {
        return new CohereStream(call);
    }

    @Override
    public ErrorReading error(int status, JsonNode body) {
        return CohereErrors.read(status, body);
    }
}
