package dev.freeway.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.limits.TokenEstimator;
import dev.freeway.gateway.routing.ChatRequest;
import dev.freeway.gateway.secrets.Secret;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Set;

/** Validates a chat completion body the way OpenAI does, and derives what routing needs from it. */
public final class ChatRequestParser {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final int MAX_SESSION_ID = 256;

    public ChatRequest parse(Buffer body, String sessionId) {
        ObjectNode root = object(body);
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.textValue().isBlank()) {
            throw GatewayError.invalidRequest("model", "you must provide a model parameter");
        }
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw GatewayError.invalidRequest("messages", "'messages' must be a non-empty array");
        }
        boolean hasAssistantTurn = validateMessages(messages);
        boolean stream = flag(root, "stream");
        nonNegativeInt(root, "max_tokens");
        nonNegativeInt(root, "max_completion_tokens");
        JsonNode tools = root.get("tools");
        if (tools != null && !tools.isNull() && !tools.isArray()) {
            throw GatewayError.invalidRequest("tools", "'tools' must be an array");
        }
        String session = sessionHash(sessionId, messages);
        return new ChatRequest(
                root,
                model.textValue(),
                stream,
                root.path("stream_options").path("include_usage").asBoolean(false),
                TokenEstimator.promptTokens(messages, tools),
                Math.max(
                        root.path("max_completion_tokens").asLong(0),
                        root.path("max_tokens").asLong(0)),
                tools != null && tools.isArray() && !tools.isEmpty(),
                root.path("response_format").path("type").asText("text").startsWith("json"),
                usesImages(messages),
                session,
                session != null && (usable(sessionId) || hasAssistantTurn));
    }

    private static ObjectNode object(Buffer body) {
        if (body == null || body.length() == 0) {
            throw GatewayError.invalidRequest(null, "The request body is empty; expected a JSON object.");
        }
        try {
            JsonNode root = Json.MAPPER.readTree(body.getBytes());
            if (root instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw GatewayError.invalidRequest(null, "We could not parse the JSON body of your request.");
        } catch (IOException e) {
            throw GatewayError.invalidRequest(null, "We could not read the body of your request.");
        }
        throw GatewayError.invalidRequest(null, "The request body must be a JSON object.");
    }

    private static boolean validateMessages(JsonNode messages) {
        boolean hasAssistantTurn = false;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String path = "messages[" + i + "]";
            if (!message.isObject()) {
                throw GatewayError.invalidRequest(path, path + " must be an object");
            }
            JsonNode role = message.get("role");
            if (role == null || !role.isTextual() || !ROLES.contains(role.textValue())) {
                throw GatewayError.invalidRequest(
                        path + ".role",
                        path + ".role must be one of " + ROLES.stream().sorted().toList());
            }
            JsonNode content = message.get("content");
            boolean contentOk = content == null || content.isNull() || content.isTextual() || content.isArray();
            if (!contentOk) {
                throw GatewayError.invalidRequest(path + ".content", path + ".content must be a string or an array");
            }
            hasAssistantTurn |= role.textValue().equals("assistant");
        }
        return hasAssistantTurn;
    }

    private static boolean flag(ObjectNode root, String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw GatewayError.invalidRequest(name, "'" + name + "' must be a boolean");
        }
        return value.booleanValue();
    }

    private static void nonNegativeInt(ObjectNode root, String name) {
        JsonNode value = root.get(name);
        if (value != null
                && !value.isNull()
                && (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0)) {
            throw GatewayError.invalidRequest(name, "'" + name + "' must be a non-negative integer");
        }
    }

    private static boolean usesImages(JsonNode messages) {
        for (JsonNode message : messages) {
            JsonNode content = message.get("content");
            if (content != null && content.isArray()) {
                for (JsonNode part : content) {
                    if (part.path("type").asText().contains("image")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean usable(String sessionId) {
        return sessionId != null && !sessionId.isBlank() && sessionId.length() <= MAX_SESSION_ID;
    }

    /** An explicit session id wins; otherwise the conversation is known by its system and first user turn. */
    private static String sessionHash(String sessionId, JsonNode messages) {
        if (usable(sessionId)) {
            return Secret.sha256Hex("session:" + sessionId);
        }
        StringBuilder opening = new StringBuilder("conversation:");
        for (JsonNode message : messages) {
            String role = message.path("role").asText();
            if (role.equals("system") || role.equals("developer") || role.equals("user")) {
                opening.append(role)
                        .append('\u0000')
                        .append(message.path("content"))
                        .append('\u0000');
            }
            if (role.equals("user")) {
                return Secret.sha256Hex(opening.toString());
            }
        }
        return null;
    }
}
