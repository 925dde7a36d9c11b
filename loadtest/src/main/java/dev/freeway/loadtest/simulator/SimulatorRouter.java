package dev.freeway.loadtest.simulator;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;

/**
 * Dispatches requests and answers the small endpoints itself: the model list, and the {@code /_sim}
 * controls benchmarks use on a standalone simulator. Every format's chat endpoint is served, OpenAI's
 * checked first because benchmarks drive it.
 */
final class SimulatorRouter implements Handler<HttpServerRequest> {
    private static final String CHAT_PATH = "/v1/chat/completions";
    private static final String ANTHROPIC_PATH = "/v1/messages";
    private static final String COHERE_PATH = "/v2/chat";
    private static final String CLOUDFLARE_PREFIX = "/client/v4/accounts/";
    private static final String CLOUDFLARE_SUFFIX = "/ai/v1/chat/completions";
    private static final String JSON = "application/json";

    private final Handler<HttpServerRequest> openAi;
    private final Handler<HttpServerRequest> gemini;
    private final Handler<HttpServerRequest> anthropic;
    private final Handler<HttpServerRequest> cohere;
    private final Handler<HttpServerRequest> cloudflare;
    private final SimulatorStats stats;
    private final Runnable reset;
    private final byte[] models;

    /** @param chat the chat endpoint of every format */
    SimulatorRouter(
            Map<ApiFormat, Handler<HttpServerRequest>> chat,
            SimulatorStats stats,
            Runnable reset,
            String owner,
            List<String> models,
            long created) {
        this.openAi = chat.get(ApiFormat.OPENAI);
        this.gemini = chat.get(ApiFormat.GEMINI);
        this.anthropic = chat.get(ApiFormat.ANTHROPIC);
        this.cohere = chat.get(ApiFormat.COHERE);
        this.cloudflare = chat.get(ApiFormat.CLOUDFLARE);
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
            openAi.handle(request);
        } else if (method.equals(HttpMethod.POST) && path.equals(ANTHROPIC_PATH)) {
            anthropic.handle(request);
        } else if (method.equals(HttpMethod.POST) && path.equals(COHERE_PATH)) {
            cohere.handle(request);
        } else if (method.equals(HttpMethod.POST) && GeminiRequests.isChatPath(path)) {
            gemini.handle(request);
        } else if (method.equals(HttpMethod.GET) && path.equals("/v1/models")) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Buffer.buffer(models));
        } else if (method.equals(HttpMethod.GET) && path.equals("/_sim/stats")) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(stats.toJson());
        } else if (method.equals(HttpMethod.POST) && path.equals("/_sim/reset")) {
            reset.run();
            response.setStatusCode(204).end();
        } else {
            // Cloudflare's chat path has the account in it, so it is matched after every fixed path.
            String account = method.equals(HttpMethod.POST) ? cloudflareAccount(path) : null;
            if (account != null) {
                stats.recordAccount(account);
                cloudflare.handle(request);
                return;
            }
            OpenAiError error = OpenAiError.unknownUrl(method.name(), path);
            response.setStatusCode(error.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                    .end(error.body());
        }
    }

    /** The account id of a Cloudflare chat path, or null when {@code path} is not one. */
    private static String cloudflareAccount(String path) {
        if (!path.startsWith(CLOUDFLARE_PREFIX) || !path.endsWith(CLOUDFLARE_SUFFIX)) {
            return null;
        }
        int end = path.length() - CLOUDFLARE_SUFFIX.length();
        if (end <= CLOUDFLARE_PREFIX.length()) {
            return null;
        }
        String account = path.substring(CLOUDFLARE_PREFIX.length(), end);
        return account.indexOf('/') < 0 ? account : null;
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
