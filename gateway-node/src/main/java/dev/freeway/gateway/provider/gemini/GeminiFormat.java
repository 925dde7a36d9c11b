package dev.freeway.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.provider.wire.ErrorReading;
import dev.freeway.gateway.provider.wire.StreamTranslator;
import dev.freeway.gateway.provider.wire.Translated;
import dev.freeway.gateway.provider.wire.WireCall;
import dev.freeway.gateway.provider.wire.WireFormat;
import dev.freeway.gateway.provider.wire.WireRequest;

/**
 * Google's native Gemini API ({@code generateContent}, {@code streamGenerateContent?alt=sse}) behind
 * OpenAI's chat format, for a base URL such as
 * {@code https://generativelanguage.googleapis.com/v1beta}.
 *
 * <p>Gemini 3 needs each function call's thought signature back with the call in later turns.
 * Freeway keeps no conversation state, so the signature (and Gemini's own call id) travels inside
 * the OpenAI tool-call id the client echoes; see {@link ToolCallIds}.
 */
public final class GeminiFormat implements WireFormat {

    @Override
    public WireRequest request(WireCall call) {
        return RequestTranslator.translate(call);
    }

    @Override
    public Translated answer(JsonNode body, WireCall call) {
        return AnswerTranslator.translate(body, call);
    }

    @Override
    public StreamTranslator stream(WireCall call) {
        return new GeminiStream(call);
    }

    @Override
    public ErrorReading error(int status, JsonNode body) {
        return ErrorReader.read(status, body);
    }
}
