package dev.freeway.gateway.provider.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.provider.Usage;
import java.util.function.Consumer;

/**
 * Translates one upstream stream into OpenAI {@code chat.completion.chunk} objects, event by event.
 * Build chunks with a {@link ChunkBuilder} so every chunk of the stream has the same id, created
 * time and model. Emit no usage chunk: the provider adds one when the client asked for it, from
 * {@link #usage()}.
 *
 * <p>The first chunk must carry {@code delta.role = "assistant"}. Tool calls follow OpenAI's
 * delta rules: the first delta of a call has {@code index}, {@code id}, {@code type} and
 * {@code function.name} with {@code arguments} (possibly complete, possibly ""); later deltas
 * carry only {@code index} and an {@code arguments} fragment.
 */
public interface StreamTranslator {

    /**
     * One upstream SSE event's data, parsed. Emits zero or more chunks.
     *
     * @throws ErrorEvent when the event reports an error (the stream is over)
     */
    void onEvent(JsonNode event, Consumer<ObjectNode> out);

    /**
     * The upstream body ended. Emits the closing chunk ({@code delta: {}} with the finish reason)
     * unless it was already sent.
     */
    void onEnd(Consumer<ObjectNode> out);

    /** Tokens reported so far; {@link Usage#UNKNOWN} when none. */
    Usage usage();

    /** An error the upstream reported inside its stream. */
    final class ErrorEvent extends RuntimeException {
        private final transient ErrorReading reading;

        public ErrorEvent(ErrorReading reading) {
            super(reading.message(), null, false, false);
            this.reading = reading;
        }

        public ErrorReading reading() {
            return reading;
        }
    }
}
