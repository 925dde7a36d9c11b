package dev.freeway.gateway.provider.wire;

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
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.JsonObject;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A platform spoken to in its own format ({@link WireFormat}): the HTTP exchange, error
 * classification and stream mechanics are the same for every format; only translation differs.
 * Errors that were the request's fault reach the client in OpenAI's shape with the platform's
 * message.
 */
public final class TranslatingProvider implements Provider {
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final HttpClient client;
    private final String id;
    private final ProviderConfig config;
    private final PlatformUrl url;
    private final WireFormat format;

    public TranslatingProvider(HttpClient client, String id, ProviderConfig config, WireFormat format) {
        this.client = client;
        this.id = id;
        this.config = config;
        this.url = new PlatformUrl(config.baseUrl());
        this.format = format;
    }

    @Override
    public Future<ChatResult> chat(ProviderCall call) {
        WireCall wire = wireCall(call, false);
        return send(call, wire)
                .compose(exchange ->
                        exchange.response().body().compose(body -> result(exchange.response(), body, call, wire)))
                .recover(this::classified);
    }

    @Override
    public Future<UpstreamStream> stream(ProviderCall call) {
        WireCall wire = wireCall(call, true);
        return send(call, wire)
                .compose(exchange -> {
                    HttpClientResponse response = exchange.response();
                    if (response.statusCode() != 200) {
                        return response.body().compose(body -> Future.failedFuture(failure(response, body, call)));
                    }
                    exchange.request().idleTimeout(config.timeouts().idleMs());
                    return TranslatedStream.start(
                            exchange.request(), response, format.stream(wire), wire, call.clientWantsUsage(), id);
                })
                .recover(this::classified);
    }

    private WireCall wireCall(ProviderCall call, boolean stream) {
        ObjectNode request = RequestAdjuster.limitOnly(call.request(), config.request(), call.model());
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return new WireCall(
                request,
                call.upstreamModel(),
                call.key().secret().reveal(),
                stream,
                "chatcmpl-" + HexFormat.of().formatHex(random),
                System.currentTimeMillis() / 1000);
    }

    private Future<UpstreamExchange> send(ProviderCall call, WireCall wire) {
        WireRequest request;
        Buffer payload;
        try {
            request = format.request(wire);
            payload = Buffer.buffer(Json.MAPPER.writeValueAsBytes(request.body()));
        } catch (WireException | JsonProcessingException e) {
            return Future.failedFuture(
                    UpstreamFailure.of(UpstreamFailure.Kind.MALFORMED, id + " cannot express this request"));
        }
        return UpstreamExchange.post(
                client,
                url.of(call.key(), request.path()),
                config.headers(),
                request.headers(),
                payload,
                config.timeouts(),
                wire.stream());
    }

    private Future<ChatResult> result(HttpClientResponse response, Buffer body, ProviderCall call, WireCall wire) {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            return Future.failedFuture(failure(response, body, call));
        }
        if (body.length() > MAX_BODY_BYTES) {
            return malformed("answer larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode tree = Json.treeOrMissing(body);
        if (tree.isMissingNode()) {
            return malformed("answer that is not JSON");
        }
        try {
            Translated translated = format.answer(tree, wire);
            return Future.succeededFuture(new ChatResult(
                    Buffer.buffer(Json.MAPPER.writeValueAsBytes(translated.completion())),
                    translated.usage(),
                    RateLimitHeaders.parse(response.headers(), status, System.currentTimeMillis())));
        } catch (WireException | JsonProcessingException e) {
            return malformed("answer of an unexpected shape (" + e.getMessage() + ")");
        }
    }

    private UpstreamFailure failure(HttpClientResponse response, Buffer body, ProviderCall call) {
        Buffer scrubbed = KeyScrubber.scrub(body, call.key());
        ErrorReading reading = format.error(response.statusCode(), Json.treeOrMissing(scrubbed));
        UpstreamFailure failure =
                FailureClassifier.fromAnswer(response.statusCode(), response.headers(), scrubbed, reading, id);
        if (failure.kind() != UpstreamFailure.Kind.CLIENT_ERROR) {
            return failure;
        }
        JsonObject openAiError = new JsonObject()
                .put(
                        "error",
                        new JsonObject()
                                .put("message", reading.message().isEmpty() ? failure.getMessage() : reading.message())
                                .put("type", "invalid_request_error")
                                .putNull("param")
                                .putNull("code"));
        return new UpstreamFailure(
                failure.kind(),
                failure.axis(),
                failure.status(),
                failure.retryAfterMillis(),
                openAiError.toBuffer(),
                failure.quota(),
                failure.getMessage());
    }

    private <T> Future<T> malformed(String what) {
        return Future.failedFuture(UpstreamFailure.of(UpstreamFailure.Kind.MALFORMED, id + " sent an " + what));
    }

    private <T> Future<T> classified(Throwable error) {
        return Future.failedFuture(FailureClassifier.fromThrowable(error, id));
    }
}
