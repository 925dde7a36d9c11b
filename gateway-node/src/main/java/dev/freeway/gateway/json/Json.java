package dev.freeway.gateway.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * The one JSON mapper for client and upstream bodies. Nesting is capped far below Jackson's
 * default so that hostile input cannot spend time or stack on depth.
 */
public final class Json {
    public static final int MAX_NESTING = 64;

    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build());

    private Json() {}

    /** The parsed body, or a {@code MissingNode} when it is empty or not JSON (an upstream error page). */
    public static JsonNode treeOrMissing(Buffer body) {
        if (body == null || body.length() == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode tree = MAPPER.readTree(body.getBytes());
            return tree == null ? MissingNode.getInstance() : tree;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
