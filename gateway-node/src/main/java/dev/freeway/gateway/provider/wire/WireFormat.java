package dev.freeway.gateway.provider.wire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A platform API that does not speak OpenAI's chat format (Gemini, Anthropic, Cohere): how an
 * OpenAI request becomes the platform's call, and how its answers, streams and errors come back.
 * Pure translation: no I/O, no clocks, no routing; {@link TranslatingProvider} does the HTTP.
 *
 * <p>Implementations are stateless and shared across event loops; per-stream state lives in the
 * {@link StreamTranslator} each stream gets.
 */
public interface WireFormat {

    /** The upstream call for one attempt; {@code call.request()} is the client's OpenAI body. */
    WireRequest request(WireCall call);

    /**
     * A complete non-streaming answer as OpenAI's {@code chat.completion}.
     *
     * @throws WireException when the answer does not have the platform's documented shape
     */
    Translated answer(JsonNode body, WireCall call);

    /** A fresh translator for one stream. */
    StreamTranslator stream(WireCall call);

    /**
     * What an error answer means for failover. {@code body} is the parsed error body, or a
     * {@code MissingNode} when it was not JSON.
     */
    ErrorReading error(int status, JsonNode body);
}
