package dev.freeway.gateway.provider.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The HTTP request a wire format wants sent: always a POST of a JSON body.
 *
 * @param path appended to the platform's base URL, query included (for example
 *     {@code /models/gemini-2.5-flash:streamGenerateContent?alt=sse})
 * @param headers credentials and protocol headers (content-type and accept are added by the caller)
 */
public record WireRequest(String path, Map<String, String> headers, ObjectNode body) {

    public WireRequest {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "WireRequest[path=" + path + "]";
    }
}
