package dev.freeway.loadtest.simulator;

import io.vertx.core.buffer.Buffer;

/** An error response in OpenAI's shape: {@code {"error":{"message","type","param","code"}}}. */
final class OpenAiError implements ErrorReply {
    static final OpenAiError MISSING_KEY = new OpenAiError(
            401,
            "You didn't provide an API key. You need to provide your API key in an Authorization header"
                    + " using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            "invalid_request_error",
            null,
            "invalid_api_key");
    /** Names no key: the answer would otherwise echo a credential into gateway logs. */
    static final OpenAiError INVALID_KEY =
            new OpenAiError(401, "Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key");

    static final OpenAiError RATE_LIMITED =
            new OpenAiError(429, "Rate limit reached for requests", "requests", null, "rate_limit_exceeded");
    static final OpenAiError TOKENS_RATE_LIMITED =
            new OpenAiError(429, "Rate limit reached for tokens", "tokens", null, "rate_limit_exceeded");
    static final OpenAiError SERVER_ERROR = new OpenAiError(
            500,
            "The server had an error while processing your request. Sorry about that!",
            "server_error",
            null,
            null);
    static final OpenAiError OVERLOADED = new OpenAiError(
            503, "The engine is currently overloaded, please try again later.", "server_error", null, null);
    static final OpenAiError INVALID_VALUE = new OpenAiError(
            400,
            "Invalid value in request (injected by the simulator).",
            "invalid_request_error",
            null,
            "invalid_value");

    private final int status;
    /** Serialised once: the fixed errors are answered at benchmark rates. */
    private final byte[] body;

    OpenAiError(int status, String message, String type, String param, String code) {
        this.status = status;
        this.body = JsonBytes.json(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("error");
            json.writeStringField("message", message);
            json.writeStringField("type", type);
            json.writeStringField("param", param);
            json.writeStringField("code", code);
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    static OpenAiError invalidRequest(String message, String param, String code) {
        return new OpenAiError(400, message, "invalid_request_error", param, code);
    }

    static OpenAiError unknownUrl(String method, String path) {
        return new OpenAiError(404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error", null, null);
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Buffer body() {
        return Buffer.buffer(body);
    }
}
