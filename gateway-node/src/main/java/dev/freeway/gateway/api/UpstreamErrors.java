package dev.freeway.gateway.api;

import dev.freeway.gateway.logging.KnownSecrets;
import dev.freeway.gateway.provider.UpstreamFailure;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Returns an upstream's verdict on the request itself (400, 413, 422...) to the client unchanged in
 * status, in OpenAI's error shape: as sent when it already is, wrapped otherwise.
 */
final class UpstreamErrors {
    private UpstreamErrors() {}

    static void passThrough(HttpServerResponse response, UpstreamFailure failure) {
        JsonObject body = openAiShaped(failure);
        response.setStatusCode(failure.status())
                .putHeader("content-type", "application/json")
                .end(body.toBuffer());
    }

    private static JsonObject openAiShaped(UpstreamFailure failure) {
        try {
            JsonObject sent = failure.body() == null ? null : failure.body().toJsonObject();
            if (sent != null && sent.getValue("error") instanceof JsonObject error && error.containsKey("message")) {
                return new JsonObject()
                        .put(
                                "error",
                                new JsonObject()
                                        .put("message", KnownSecrets.mask(String.valueOf(error.getValue("message"))))
                                        .put("type", error.getValue("type", "invalid_request_error"))
                                        .put("param", error.getValue("param"))
                                        .put("code", error.getValue("code")));
            }
        } catch (DecodeException | ClassCastException notJson) {
            // fall through to a wrapped error
        }
        return new GatewayError(
                        failure.status(),
                        "invalid_request_error",
                        "upstream_rejected_request",
                        null,
                        "The provider rejected the request (" + failure.getMessage() + ").",
                        0)
                .toJson();
    }
}
