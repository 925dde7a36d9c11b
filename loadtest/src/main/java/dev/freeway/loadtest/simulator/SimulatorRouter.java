package dev.freeway.loadtest.simulator;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * Dispatches requests and answers the small endpoints itself: the model list, and the {@code /_sim}
 * controls benchmarks use on a standalone simulator.
 */
final class SimulatorRouter implements Handler<HttpServerRequest> {
    private static final String CHAT_PATH = "/v1/chat/completions";
    private static final String JSON = "application/json";

    private final Handler<HttpServerRequest> chat;
    private final SimulatorStats stats;
    private final Runnable reset;
    private final byte[] models;

    SimulatorRouter(
            Handler<HttpServerRequest> chat,
            SimulatorStats stats,
            Runnable reset,
            String owner,
            List<String> models,
            long created) {
        this.chat = chat;
        this.stats = stats;
        this.reset = reset;
        this.models = modelList(owner, models, created);
    }

    @Override
    public void handle(HttpServerRequest request) {
        HttpMethod method = request.method();
        String path = request.path();
        HttpServerResponse response = request.response();
        if (method.equals(HttpMethod.POST) && path.equals(CHAT_PATH)) {
            chat.handle(request);
        } else if (method.equals(HttpMethod.GET) && path.equals("/v1/models")) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Buffer.buffer(models));
        } else if (method.equals(HttpMethod.GET) && path.equals("/_sim/stats")) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(stats.toJson());
        } else if (method.equals(HttpMethod.POST) && path.equals("/_sim/reset")) {
            reset.run();
            response.setStatusCode(204).end();
        } else {
            OpenAiError error = OpenAiError.unknownUrl(method.name(), path);
            response.setStatusCode(error.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                    .end(error.body());
        }
    }

    private static byte[] modelList(String owner, List<String> models, long created) {
        return JsonBytes.json(json -> {
            json.writeStartObject();
            json.writeStringField("object", "list");
            json.writeArrayFieldStart("data");
            for (String model : models) {
                json.writeStartObject();
                json.writeStringField("id", model);
                json.writeStringField("object", "model");
                json.writeNumberField("created", created);
                json.writeStringField("owned_by", owner);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
