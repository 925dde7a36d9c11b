package dev.freeway.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.provider.wire.WireCall;
import dev.freeway.gateway.provider.wire.WireRequest;
import java.util.Map;

/**
 * An OpenAI chat request as a {@code generateContent} or {@code streamGenerateContent} call. The
 * key travels in the {@code x-goog-api-key} header, never in the query string, where access logs
 * would keep it.
 */
final class RequestTranslator {
    static final String API_KEY_HEADER = "x-goog-api-key";

    private RequestTranslator() {}

    static WireRequest translate(WireCall call) {
        JsonNode request = call.request();
        String model = call.upstreamModel();
        boolean gemma = ModelTraits.isGemma(model);
        ObjectNode body = JsonNodeFactory.instance.objectNode();

        History.Turns turns = History.of(request.path("messages"), model);
        if (!turns.systemText().isEmpty()) {
            if (gemma) {
                History.foldIntoFirstUserTurn(turns.contents(), turns.systemText());
            } else {
                body.putObject("systemInstruction")
                        .putArray("parts")
                        .addObject()
                        .put("text", turns.systemText());
            }
        }
        body.set("contents", turns.contents());
        boolean declaresFunctions = Tools.addTo(body, request);
        ObjectNode generationConfig = GenerationConfig.of(request, declaresFunctions, gemma);
        if (!generationConfig.isEmpty()) {
            body.set("generationConfig", generationConfig);
        }

        String path = "/models/" + model + (call.stream() ? ":streamGenerateContent?alt=sse" : ":generateContent");
        return new WireRequest(path, Map.of(API_KEY_HEADER, call.apiKey()), body);
    }
}
