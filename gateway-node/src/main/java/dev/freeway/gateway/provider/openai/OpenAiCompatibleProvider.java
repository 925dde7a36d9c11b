package dev.freeway.gateway.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.config.ProviderConfig;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.provider.ChatResult;
import dev.freeway.gateway.provider.FailureClassifier;
import dev.freeway.gateway.provider.KeyScrubber;
import dev.freeway.gateway.provider.Provider;
import dev.freeway.gateway.provider.ProviderCall;
import dev.freeway.gateway.provider.RateLimitHeaders;
import dev.freeway.gateway.provider.UpstreamFailure;
import dev.freeway.gateway.provider.UpstreamStream;
import dev.freeway.gateway.provider.Usage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The OpenAI-compatible wire format, which most platforms speak: the body goes upstream as the
 * client sent it (with the provider's model name), and the answer comes back byte for byte.
 */
public final class OpenAiCompatibleProvider implements Provider {
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final HttpClient client;
    private final String id;
    private final ProviderConfig config;
    private final String chatUrl;

    public OpenAiCompatibleProvider(HttpClient client, String id, ProviderConfig config) {
        this.client = client;
        this.id = id;
        this.config = config;
        this.chatUrl = config.baseUrl().replaceAll("/+$", "") + "/chat/completions";
    }

    @Override
    public Future<ChatResult> chat(ProviderCall call) {
        return send(call, false)
                .compose(
                        exchange -> exchange.response().body().compose(body -> result(exchange.response(), body, call)))
                .recover(this::classified);
    }

    @Override
    public Future<UpstreamStream> stream(ProviderCall call) {
        return send(call, true)
                .compose(exchange -> {
                    HttpClientResponse response = exchange.response();
                    if (response.statusCode() != 200) {
                        return response.body()
                                .compose(body -> Future.failedFuture(FailureClassifier.fromStatus(
                                        response.statusCode(),
                                        response.headers(),
                                        KeyScrubber.scrub(body, call.key()),
                                        id)));
                    }
                    exchange.request().idleTimeout(config.timeouts().idleMs());
                    return OpenAiStream.start(exchange.request(), response, call.clientWantsUsage(), id);
                })
                .recover(this::classified);
    }

    private record Exchange(HttpClientRequest request, HttpClientResponse response) {}

    private Future<Exchange> send(ProviderCall call, boolean stream) {
        Buffer payload;
        try {
            payload = Buffer.buffer(Json.MAPPER.writeValueAsBytes(upstreamBody(call, stream)));
        } catch (JsonProcessingException e) {
            return Future.failedFuture(UpstreamFailure.of(UpstreamFailure.Kind.MALFORMED, "request not serializable"));
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(chatUrl)
                .setConnectTimeout(config.timeouts().connectMs())
                .setIdleTimeout(config.timeouts().firstByteMs())
                .setFollowRedirects(false)
                .putHeader("content-type", "application/json")
                .putHeader("accept", stream ? "text/event-stream" : "application/json");
        config.headers().forEach(options::putHeader);
        options.putHeader("authorization", "Bearer " + call.key().reveal());
        return client.request(options)
                .compose(request -> request.send(payload).map(response -> new Exchange(request, response)));
    }

    private static ObjectNode upstreamBody(ProviderCall call, boolean stream) {
        ObjectNode body = call.request();
        body.put("model", call.upstreamModel());
        if (stream) {
            JsonNode options = body.get("stream_options");
            ObjectNode streamOptions = options instanceof ObjectNode o ? o : body.putObject("stream_options");
            streamOptions.put("include_usage", true);
        }
        return body;
    }

    private Future<ChatResult> result(HttpClientResponse response, Buffer body, ProviderCall call) {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            return Future.failedFuture(
                    FailureClassifier.fromStatus(status, response.headers(), KeyScrubber.scrub(body, call.key()), id));
        }
        if (body.length() > MAX_BODY_BYTES) {
            return malformed("answer larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(body.getBytes());
            if (tree == null || !tree.path("choices").isArray()) {
                return malformed("answer without choices");
            }
            return Future.succeededFuture(new ChatResult(
                    body,
                    Usage.fromOpenAi(tree.get("usage")),
                    RateLimitHeaders.parse(response.headers(), status, System.currentTimeMillis())));
        } catch (java.io.IOException e) {
            return malformed("answer is not valid JSON");
        }
    }

    private <T> Future<T> malformed(String what) {
        return Future.failedFuture(UpstreamFailure.of(UpstreamFailure.Kind.MALFORMED, id + " sent an " + what));
    }

    private <T> Future<T> classified(Throwable error) {
        return Future.failedFuture(FailureClassifier.fromThrowable(error, id));
    }
}
