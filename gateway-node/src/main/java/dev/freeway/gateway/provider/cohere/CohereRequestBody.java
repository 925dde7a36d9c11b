package dev.freeway.gateway.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.provider.wire.WireCall;

/**
 * The body of a Cohere v2 chat call built from an OpenAI request. OpenAI fields Cohere has no
 * counterpart for ({@code n}, {@code logit_bias}, {@code logprobs}, {@code user}, {@code store},
 * {@code metadata}, {@code parallel_tool_calls}, {@code stream_options}, {@code reasoning_effort})
 * are left out rather than approximated.
 */
final class CohereRequestBody {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CohereRequestBody() {}

    static ObjectNode of(WireCall call) {
        JsonNode request = call.request();
        ObjectNode body = NODES.objectNode();
        body.put("model", call.upstreamModel());
        body.set("messages", CohereMessages.translate(request.path("messages")));
        CohereTools.apply(request, body);
        copy(request, "temperature", body, "temperature");
        copy(request, "top_p", body, "p");
        copy(request, "top_k", body, "k");
        copy(request, "seed", body, "seed");
        copy(request, "frequency_penalty", body, "frequency_penalty");
        copy(request, "presence_penalty", body, "presence_penalty");
        String maxTokens = present(request, "max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        copy(request, maxTokens, body, "max_tokens");
        stopSequences(request.get("stop"), body);
        responseFormat(request.path("response_format"), body);
        body.put("stream", call.stream());
        return body;
    }

    private static void stopSequences(JsonNode stop, ObjectNode body) {
        if (stop == null || stop.isNull()) {
            return;
        }
        if (stop.isTextual()) {
            body.putArray("stop_sequences").add(stop.asText());
        } else {
            body.set("stop_sequences", stop.deepCopy());
        }
    }

    /** Cohere has one JSON mode; a schema, when given, goes into it as {@code json_schema}. */
    private static void responseFormat(JsonNode format, ObjectNode body) {
        String type = format.path("type").asText("");
        if (type.equals("json_object")) {
            body.putObject("response_format").put("type", "json_object");
        } else if (type.equals("json_schema")) {
            ObjectNode cohere = body.putObject("response_format").put("type", "json_object");
            JsonNode schema = format.path("json_schema").path("schema");
            if (schema.isObject()) {
                cohere.set("json_schema", schema.deepCopy());
            }
        }
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        if (present(from, field)) {
            to.set(as, from.get(field).deepCopy());
        }
    }

    private static boolean present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }
}
