package dev.freeway.gateway.provider.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.config.ProviderConfig;
import dev.freeway.gateway.config.TimeoutsConfig;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.provider.ChatResult;
import dev.freeway.gateway.provider.ProviderCall;
import dev.freeway.gateway.provider.StreamSink;
import dev.freeway.gateway.provider.UpstreamClients;
import dev.freeway.gateway.provider.UpstreamFailure;
import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.secrets.ProviderKey;
import dev.freeway.gateway.testing.TestConfigs;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link TranslatingProvider} over real HTTP against a tiny upstream started here, with a stub
 * {@link WireFormat}: the mechanics every non-OpenAI format shares.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TranslatingProviderTest {
    private static final String SECRET = "sk-stub-secret-value-0001";
    private static final String ACCOUNT = "acct-0123";
    private static final TimeoutsConfig TIMEOUTS = new TimeoutsConfig(2_000L, 5_000L, 5_000L);

    private final Vertx vertx = Vertx.vertx();
    private final List<HttpServerRequest> received = new CopyOnWriteArrayList<>();
    private final List<JsonNode> sentBodies = new CopyOnWriteArrayList<>();
    private volatile Handler<HttpServerRequest> upstream =
            request -> request.response().setStatusCode(500).end();
    private HttpServer server;
    private HttpClient client;
    private Context context;

    @BeforeEach
    void start() {
        server = await(vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    received.add(request);
                    sentBodies.add(Json.treeOrMissing(body));
                    upstream.handle(request);
                }))
                .listen(0, "127.0.0.1"));
        client = UpstreamClients.create(vertx);
        context = vertx.getOrCreateContext();
    }

    @AfterEach
    void stop() {
        await(vertx.close());
    }

    // The stub format: a JSON body naming the model, the key in a header, answers as {"text","in","out"}.

    /** Reads a stream of {"text"} events, a {"done"} event with the token counts, and {"error"} events. */
    private static final class StubStream implements StreamTranslator {
        private final ChunkBuilder chunks;
        private final ErrorReading error;
        private boolean opened;
        private boolean finished;
        private Usage usage = Usage.UNKNOWN;

        StubStream(WireCall call, ErrorReading error) {
            this.chunks = call.chunks();
            this.error = error;
        }

        @Override
        public void onEvent(JsonNode event, Consumer<ObjectNode> out) {
            if (event.has("error")) {
                throw new ErrorEvent(error);
            }
            if (event.has("text")) {
                ObjectNode delta = opened
                        ? ChunkBuilder.contentDelta(event.path("text").asText())
                        : ChunkBuilder.roleDelta()
                                .put("content", event.path("text").asText());
                opened = true;
                out.accept(chunks.chunk(delta, null));
            }
            if (event.has("done")) {
                usage = new Usage(event.path("in").asLong(), event.path("out").asLong());
                out.accept(chunks.chunk(Json.MAPPER.createObjectNode(), "stop"));
                finished = true;
            }
        }

        @Override
        public void onEnd(Consumer<ObjectNode> out) {
            if (!finished) {
                out.accept(chunks.chunk(Json.MAPPER.createObjectNode(), "stop"));
            }
        }

        @Override
        public Usage usage() {
            return usage;
        }
    }

    private ErrorReading streamError = new ErrorReading(null, Axis.UNKNOWN, 0, "stream broke");

    private final WireFormat format = new WireFormat() {
        @Override
        public WireRequest request(WireCall call) {
            ObjectNode body = Json.MAPPER.createObjectNode().put("model", call.upstreamModel());
            body.set("limit", call.request().path("max_completion_tokens"));
            return new WireRequest(call.stream() ? "/stream" : "/generate", Map.of("x-stub-key", call.apiKey()), body);
        }

        @Override
        public Translated answer(JsonNode body, WireCall call) {
            ObjectNode message = Json.MAPPER
                    .createObjectNode()
                    .put("role", "assistant")
                    .put("content", body.path("text").asText());
            Usage usage = new Usage(body.path("in").asLong(), body.path("out").asLong());
            return new Translated(call.chunks().completion(message, "stop", usage), usage);
        }

        @Override
        public StreamTranslator stream(WireCall call) {
            return new StubStream(call, streamError);
        }

        @Override
        public ErrorReading error(int status, JsonNode body) {
            String message = body.path("problem").asText("");
            return ErrorReading.byStatus(message.isEmpty() ? "" : "stub: " + message);
        }
    };

    private TranslatingProvider provider(String baseUrlPath) {
        String baseUrl = "http://127.0.0.1:" + server.actualPort() + baseUrlPath;
        ProviderConfig config =
                TestConfigs.bareProvider("gemini", baseUrl, List.of(new KeyConfig(SECRET, ACCOUNT, null)), TIMEOUTS);
        return new TranslatingProvider(client, "stub", config, format);
    }

    private TranslatingProvider provider() {
        return provider("/v1");
    }

    private static ProviderCall call(String requestJson, int maxOutputTokens, boolean clientWantsUsage) {
        ObjectNode request = json(requestJson);
        ModelConfig model = new ModelConfig(
                "m", "stub", "stub-model-001", 50, 131072, null, null, maxOutputTokens, null, null, null, null, null);
        return new ProviderCall(request, model, ProviderKey.of(SECRET, ACCOUNT, null), clientWantsUsage);
    }

    private static ProviderCall call(boolean clientWantsUsage) {
        return call("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 0, clientWantsUsage);
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(int status, String contentType, String body) {
        upstream = request -> request.response()
                .setStatusCode(status)
                .putHeader("content-type", contentType)
                .end(body);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code action} on one Vert.x context, as the gateway does, and waits for its future. */
    private <T> CompletableFuture<T> onContext(Supplier<Future<T>> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> action.get().onComplete(done -> {
            if (done.succeeded()) {
                result.complete(done.result());
            } else {
                result.completeExceptionally(done.cause());
            }
        }));
        return result;
    }

    private static UpstreamFailure failureOf(CompletableFuture<?> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(UpstreamFailure.class);
            return (UpstreamFailure) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the attempt to fail");
    }

    private static <T> T valueOf(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A whole relayed stream: every SSE event's data in order, and the usage it ended with. */
    private record Relayed(List<String> events, Usage usage) {}

    private CompletableFuture<Relayed> relay(TranslatingProvider provider, ProviderCall call) {
        CompletableFuture<Relayed> whole = new CompletableFuture<>();
        List<String> events = new ArrayList<>();
        onContext(() -> provider.stream(call)).whenComplete((stream, error) -> {
            if (error != null) {
                whole.completeExceptionally(error);
                return;
            }
            context.runOnContext(v -> {
                events.addAll(dataOf(stream.firstEvent()));
                stream.start(new StreamSink() {
                    @Override
                    public void event(Buffer sseEvent) {
                        events.addAll(dataOf(sseEvent));
                    }

                    @Override
                    public void end(Usage usage) {
                        whole.complete(new Relayed(List.copyOf(events), usage));
                    }

                    @Override
                    public void fail(UpstreamFailure failure) {
                        whole.completeExceptionally(failure);
                    }
                });
            });
        });
        return whole;
    }

    private static List<String> dataOf(Buffer sse) {
        List<String> data = new ArrayList<>();
        for (String event : sse.toString().split("\n\n")) {
            if (event.startsWith("data: ")) {
                data.add(event.substring("data: ".length()));
            }
        }
        return data;
    }

    // Errors the request itself caused.

    @Test
    void a_400_answer_becomes_a_client_error_with_an_openai_shaped_body_and_the_formats_message() {
        answer(400, "application/json", "{\"problem\":\"field foo is unknown\"}");

        UpstreamFailure failure = failureOf(onContext(() -> provider().chat(call(false))));

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.body().toJsonObject())
                .isEqualTo(new JsonObject()
                        .put(
                                "error",
                                new JsonObject()
                                        .put("message", "stub: field foo is unknown")
                                        .put("type", "invalid_request_error")
                                        .putNull("param")
                                        .putNull("code")));
    }

    @Test
    void a_400_whose_body_the_format_cannot_read_still_gets_an_openai_shaped_body() {
        answer(400, "text/html", "<html>Bad Request</html>");

        UpstreamFailure failure = failureOf(onContext(() -> provider().chat(call(false))));

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.body().toJsonObject().getJsonObject("error").getString("message"))
                .isEqualTo("stub answered HTTP 400");
    }

    @Test
    void a_400_to_a_stream_becomes_the_same_client_error() {
        answer(400, "application/json", "{\"problem\":\"field foo is unknown\"}");

        UpstreamFailure failure = failureOf(onContext(() -> provider().stream(call(true))));

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.body().toJsonObject().getJsonObject("error").getString("message"))
                .isEqualTo("stub: field foo is unknown");
    }

    @Test
    void an_error_that_is_not_the_requests_fault_keeps_the_upstream_body_for_failover() {
        answer(503, "application/json", "{\"problem\":\"busy\"}");

        UpstreamFailure failure = failureOf(onContext(() -> provider().chat(call(false))));

        assertThat(failure.kind()).isEqualTo(Kind.OVERLOADED);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.body().toString()).isEqualTo("{\"problem\":\"busy\"}");
    }

    // The key stays secret.

    @Test
    void the_key_never_reaches_a_client_error_even_when_the_upstream_echoes_it() {
        answer(400, "application/json", "{\"problem\":\"key " + SECRET + " may not set foo\"}");

        UpstreamFailure failure = failureOf(onContext(() -> provider().chat(call(false))));

        assertThat(failure.body().toString()).doesNotContain(SECRET).contains("[redacted]");
        assertThat(failure.getMessage()).doesNotContain(SECRET);
    }

    @Test
    void the_key_never_reaches_a_refused_key_failure_even_when_the_upstream_echoes_it() {
        answer(401, "application/json", "{\"problem\":\"invalid api key: " + SECRET + "\"}");

        UpstreamFailure failure = failureOf(onContext(() -> provider().chat(call(false))));

        assertThat(failure.kind()).isEqualTo(Kind.KEY_REJECTED);
        assertThat(failure.body().toString()).doesNotContain(SECRET);
        assertThat(failure.getMessage()).doesNotContain(SECRET);
    }

    @Test
    void the_key_never_reaches_a_stream_failure_even_when_the_upstream_echoes_it() {
        answer(400, "application/json", "{\"problem\":\"key " + SECRET + " may not stream\"}");

        UpstreamFailure failure = failureOf(onContext(() -> provider().stream(call(true))));

        assertThat(failure.body().toString()).doesNotContain(SECRET);
        assertThat(failure.getMessage()).doesNotContain(SECRET);
    }

    // The request.

    @Test
    void the_account_in_the_base_url_is_filled_from_the_keys_account() {
        answer(200, "application/json", "{\"text\":\"hello\",\"in\":3,\"out\":1}");

        valueOf(onContext(() -> provider("/client/v4/accounts/{account}/ai").chat(call(false))));

        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/client/v4/accounts/" + ACCOUNT + "/ai/generate");
            assertThat(request.getHeader("x-stub-key")).isEqualTo(SECRET);
        });
    }

    @Test
    void the_format_sees_the_request_with_the_answer_limit_fitted_to_the_model() {
        answer(200, "application/json", "{\"text\":\"hello\",\"in\":3,\"out\":1}");
        ProviderCall call = call(
                "{\"model\":\"m\",\"max_tokens\":100000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                8192,
                false);

        valueOf(onContext(() -> provider().chat(call)));

        assertThat(sentBodies).singleElement().satisfies(body -> {
            assertThat(body.path("model").asText()).isEqualTo("stub-model-001");
            assertThat(body.path("limit").asLong()).isEqualTo(8192);
        });
        assertThat(call.request().path("max_tokens").asLong())
                .as("the client's request is untouched")
                .isEqualTo(100_000);
    }

    @Test
    void a_successful_answer_is_the_formats_openai_translation_with_its_usage() {
        answer(200, "application/json", "{\"text\":\"hello\",\"in\":3,\"out\":1}");

        ChatResult result = valueOf(onContext(() -> provider().chat(call(false))));

        JsonObject completion = result.body().toJsonObject();
        assertThat(completion.getString("object")).isEqualTo("chat.completion");
        assertThat(completion.getString("id")).startsWith("chatcmpl-");
        assertThat(completion
                        .getJsonArray("choices")
                        .getJsonObject(0)
                        .getJsonObject("message")
                        .getString("content"))
                .isEqualTo("hello");
        assertThat(result.usage()).isEqualTo(new Usage(3, 1));
    }

    // Streams.

    @Test
    void an_error_event_before_any_chunk_fails_the_stream_so_failover_can_try_elsewhere() {
        answer(200, "text/event-stream", "data: {\"error\":\"upstream broke\"}\n\n");

        UpstreamFailure failure = failureOf(onContext(() -> provider().stream(call(true))));

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void an_error_event_before_any_chunk_keeps_the_formats_reading_of_it() {
        streamError = new ErrorReading(Kind.RATE_LIMITED, Axis.DAY, 0, "daily quota");
        answer(200, "text/event-stream", "data: {\"error\":\"quota\"}\n\n");

        UpstreamFailure failure = failureOf(onContext(() -> provider().stream(call(true))));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.axis()).isEqualTo(Axis.DAY);
    }

    @Test
    void an_error_event_the_format_blames_on_the_request_carries_a_client_error_status() {
        streamError = new ErrorReading(Kind.CLIENT_ERROR, Axis.UNKNOWN, 0, "INVALID_ARGUMENT: bad schema");
        answer(200, "text/event-stream", "data: {\"error\":\"invalid\"}\n\n");

        UpstreamFailure failure = failureOf(onContext(() -> provider().stream(call(true))));

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.status())
                .as("UpstreamErrors.passThrough answers the client with this status")
                .isBetween(400, 499);
    }

    @Test
    void an_error_event_after_text_of_the_same_read_still_fails_the_stream_before_anything_is_sent() {
        answer(200, "text/event-stream", "data: {\"text\":\"Hel\"}\n\ndata: {\"error\":\"upstream broke\"}\n\n");

        UpstreamFailure failure = failureOf(onContext(() -> provider().stream(call(true))));

        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void a_stream_ends_with_a_usage_chunk_from_the_translator_when_the_client_asked_for_usage() {
        answer(
                200,
                "text/event-stream",
                "data: {\"text\":\"Hel\"}\n\ndata: {\"text\":\"lo\"}\n\ndata: {\"done\":true,\"in\":3,\"out\":2}\n\n");

        Relayed relayed = valueOf(relay(provider(), call(true)));

        assertThat(relayed.events()).hasSize(4);
        JsonNode first = json(relayed.events().get(0));
        JsonNode last = json(relayed.events().get(3));
        assertThat(first.path("choices").path(0).path("delta").path("role").asText())
                .isEqualTo("assistant");
        assertThat(json(relayed.events().get(2))
                        .path("choices")
                        .path(0)
                        .path("finish_reason")
                        .asText())
                .isEqualTo("stop");
        assertThat(last.path("choices").isArray()).isTrue();
        assertThat(last.path("choices")).isEmpty();
        assertThat(last.path("usage"))
                .isEqualTo(json("{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}"));
        assertThat(last.path("id").asText()).isEqualTo(first.path("id").asText());
        assertThat(relayed.usage()).isEqualTo(new Usage(3, 2));
    }

    @Test
    void a_stream_sends_no_usage_chunk_when_the_client_did_not_ask_for_one() {
        answer(200, "text/event-stream", "data: {\"text\":\"Hel\"}\n\ndata: {\"done\":true,\"in\":3,\"out\":2}\n\n");

        Relayed relayed = valueOf(relay(provider(), call(false)));

        assertThat(relayed.events()).hasSize(2).noneMatch(event -> event.contains("\"usage\""));
        assertThat(relayed.usage()).as("the gateway still learns the usage").isEqualTo(new Usage(3, 2));
    }

    @Test
    void a_stream_without_usage_from_the_platform_sends_no_usage_chunk_even_when_asked() {
        answer(200, "text/event-stream", "data: {\"text\":\"Hello\"}\n\n");

        Relayed relayed = valueOf(relay(provider(), call(true)));

        assertThat(relayed.events()).hasSize(2).noneMatch(event -> event.contains("\"usage\""));
        assertThat(json(relayed.events().get(1))
                        .path("choices")
                        .path(0)
                        .path("finish_reason")
                        .asText())
                .as("the translator closes the stream at the end")
                .isEqualTo("stop");
    }
}
