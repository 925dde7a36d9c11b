package dev.freeway.gateway.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.config.ProviderConfig;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.provider.ChatResult;
import dev.freeway.gateway.provider.FailureClassifier;
import dev.freeway.gateway.provider.KeyScrubber;
import dev.freeway.gateway.provider.PlatformUrl;
import dev.freeway.gateway.provider.Provider;
import dev.freeway.gateway.provider.ProviderCall;
import dev.freeway.gateway.provider.RateLimitHeaders;
import dev.freeway.gateway.provider.RequestAdjuster;
import dev.freeway.gateway.provider.UpstreamExchange;
import dev.freeway.gateway.provider.UpstreamFailure;
import dev.freeway.gateway.provider.UpstreamStream;
import dev.freeway.gateway.provider.Usage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The OpenAI-compatible wire format, which most platforms speak: the body goes upstream as the
 * client sent it (with the provider's model name and the platform's parameter quirks applied), and
 * the answer comes back byte for byte.
 */
public final class OpenAiCompatibleProvider implements Provider {
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final HttpClient client;
    private final String id;
    private final ProviderConfig config;
    private final PlatformUrl url;

    public OpenAiCompatibleProvider(HttpClient client, String id, ProviderConfig config) {
        this.client = client;
        this.id = id;
        this.config = config;
        this.url = new PlatformUrl(config.baseUrl());
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
                        return response.body().compose(body -> Future.failedFuture(failure(response, body, call)));
                    }
                    exchange.request().idleTimeout(config.timeouts().idleMs());
                    return OpenAiStream.start(exchange.request(), response, call.clientWantsUsage(), id);
                })
                .recover(this::classified);
    }

    private Future<UpstreamExchange> send(ProviderCall call, boolean stream) {
        Buffer payload;
        try {
            payload = Buffer.buffer(Json.MAPPER.writeValueAsBytes(upstreamBody(call, stream)));
        } catch (JsonProcessingException e) {
            return Future.failedFuture(UpstreamFailure.of(UpstreamFailure.Kind.MALFORMED, "request not serializable"));
        }
        return UpstreamExchange.post(
                client,
                url.of(call.key(), "/chat/completions"),
                config.headers(),
                Map.of("authorization", "Bearer " + call.key().secret().reveal()),
                payload,
                config.timeouts(),
                stream);
    }

    private ObjectNode upstreamBody(ProviderCall call, boolean stream) {
        ObjectNode body = RequestAdjuster.openAi(call.request(), config.request(), call.model());
        body.put("model", call.upstreamModel());
        if (stream) {
            JsonNode options = body.get("stream_options");
            ObjectNode streamOptions = options instanceof ObjectNode o ? o.deepCopy() : body.objectNode();
            streamOptions.put("include_usage", true);
            body.set("stream_options", streamOptions);
        }
        return body;
    }

    private Future<ChatResult> result(HttpClientResponse response, Buffer body, ProviderCall call) {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            return Future.failedFuture(failure(response, body, call));
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
        } catch (IOException e) {
            return malformed("answer is not valid JSON");
        }
    }

    private UpstreamFailure failure(HttpClientResponse response, Buffer body, ProviderCall call) {
        Buffer scrubbed = KeyScrubber.scrub(body, call.key());
        return FailureClassifier.fromAnswer(
                response.statusCode(),
                response.headers(),
                scrubbed,
                OpenAiErrorReader.read(response.statusCode(), Json.treeOrMissing(scrubbed)),
                id);
    }

    private <T> Future<T> malformed(String what) {
        return Future.failedFuture(UpstreamFailure.of(UpstreamFailure.Kind.MALFORMED, id + " sent an " + what));
    }

    private <T> Future<T> classified(Throwable error) {
        return Future.failedFuture(FailureClassifier.fromThrowable(error, id));
    }
}
