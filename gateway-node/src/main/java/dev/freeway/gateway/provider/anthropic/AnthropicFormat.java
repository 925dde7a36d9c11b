package dev.freeway.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.provider.wire.ErrorReading;
import dev.freeway.gateway.provider.wire.StreamTranslator;
import dev.freeway.gateway.provider.wire.Translated;
import dev.freeway.gateway.provider.wire.WireCall;
import dev.freeway.gateway.provider.wire.WireFormat;
import dev.freeway.gateway.provider.wire.WireRequest;
import java.util.Map;

/**
 * Anthropic's Messages API ({@code POST <base>/messages}, base {@code https://api.anthropic.com/v1})
 * spoken on behalf of OpenAI chat clients. Stateless; each stream gets its own translator.
 *
 * <p>{@code response_format: json_schema} (when the client sent no tools) becomes one forced tool
 * whose input is turned back into the message content, because Anthropic's own structured-output
 * parameter works only on some models; see {@link JsonMode}.
 */
public final class AnthropicFormat implements WireFormat {
    static final String PATH = "/messages";
    static final String API_VERSION = "2023-06-01";

    @Override
    public WireRequest request(WireCall call) {
        return new WireRequest(
                PATH,
                Map.of("x-api-key", call.apiKey(), "anthropic-version", API_VERSION),
                RequestTranslator.body(call));
    }

    @Override
    public Translated answer(JsonNode body, WireCall call) {
        return AnswerTranslator.translate(body, call);
    }

    @Override
    public StreamTranslator stream(WireCall call) {
        return new AnthropicStreamTranslator(call);
    }

    @Override
    public ErrorReading error(int status, JsonNode body) {
        return ErrorClassifier.read(status, body);
    }
}
