package dev.freeway.loadtest.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads Gemini's {@code generateContent} requests: the model and whether to stream come from the path,
 * the conversation from {@code systemInstruction} and {@code contents}, the tools from {@code
 * tools[].functionDeclarations}. Google's JSON accepts snake_case names as well, so both are read.
 */
final class GeminiRequests {
    private static final String PREFIX = "/v1beta/models/";
    private static final String GENERATE = ":generateContent";
    private static final String STREAM = ":streamGenerateContent";
    private static final String[] RESULT_FIELDS = {"result", "content", "output"};

    private GeminiRequests() {}

    static boolean isChatPath(String path) {
        return path.startsWith(PREFIX)
                && ((path.endsWith(GENERATE) && path.length() > PREFIX.length() + GENERATE.length())
                        || (path.endsWith(STREAM) && path.length() > PREFIX.length() + STREAM.length()));
    }

    static ChatRequest parse(HttpServerRequest request, Buffer body) throws InvalidRequestException {
        String path = request.path();
        boolean stream = path.endsWith(STREAM);
        // Without alt=sse Google streams one JSON array instead; a gateway that forgot the parameter must
        // fail here, not only against the real API.
        if (stream && !"sse".equals(request.getParam("alt"))) {
            throw invalid("This simulator streams only server-sent events: add ?alt=sse.");
        }
        JsonNode root = ChatRequest.objectOrNull(body);
        if (root == null) {
            throw invalid("Invalid JSON payload received. Expected a JSON object.");
        }
        JsonNode contents = root.get("contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            throw invalid("* GenerateContentRequest.contents: contents is not specified");
        }
        PromptTally tally = new PromptTally();
        JsonNode system = field(root, "systemInstruction", "system_instruction");
        if (system.isObject()) {
            tally.message(false, text(system.path("parts")));
        }
        for (JsonNode content : contents) {
            if (!content.isObject()) {
                throw invalid("Invalid value at 'contents': expected an object.");
            }
            read(content, tally);
        }
        String model = path.substring(PREFIX.length(), path.length() - (stream ? STREAM : GENERATE).length());
        int maxTokens = field(
                        field(root, "generationConfig", "generation_config"), "maxOutputTokens", "max_output_tokens")
                .asInt(0);
        return tally.request(model, stream, maxTokens, toolToCall(root));
    }

    /** A turn of function responses is a run of tool results; any other turn is one message. */
    private static void read(JsonNode content, PromptTally tally) {
        JsonNode parts = content.path("parts");
        boolean answersTools = false;
        for (JsonNode part : parts) {
            JsonNode response = field(part, "functionResponse", "function_response");
            if (response.isObject()) {
                answersTools = true;
                tally.toolResult(responseText(response.path("response")));
            }
        }
        if (!answersTools) {
            tally.message(!content.path("role").asText("user").equals("model"), text(parts));
        }
    }

    /** Text parts only, without thought summaries, as OpenAI counts only text parts. */
    private static String text(JsonNode parts) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
                text.append(part.get("text").textValue());
            }
        }
        return text.toString();
    }

    /** A function's response must be an object; a plain text result is wrapped as {@code result} or {@code content}. */
    private static String responseText(JsonNode response) {
        for (String name : RESULT_FIELDS) {
            if (response.path(name).isTextual()) {
                return response.get(name).textValue();
            }
        }
        return response.isMissingNode() ? "" : response.toString();
    }

    private static String toolToCall(JsonNode root) {
        JsonNode calling =
                field(field(root, "toolConfig", "tool_config"), "functionCallingConfig", "function_calling_config");
        if (calling.path("mode").asText("AUTO").equals("NONE")) {
            return null;
        }
        JsonNode allowed = field(calling, "allowedFunctionNames", "allowed_function_names");
        if (allowed.isArray() && !allowed.isEmpty()) {
            return allowed.get(0).asText();
        }
        // Other tools, such as google_search, declare no functions; the first declared function is called.
        for (JsonNode tool : root.path("tools")) {
            JsonNode first =
                    field(tool, "functionDeclarations", "function_declarations").path(0);
            if (first.isObject()) {
                return first.path("name").asText("");
            }
        }
        return null;
    }

    private static JsonNode field(JsonNode node, String camel, String snake) {
        JsonNode value = node.path(camel);
        return value.isMissingNode() ? node.path(snake) : value;
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, GoogleErrors.invalidArgument(message));
    }
}
