package dev.freeway.loadtest.generator;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Sends the benchmark's chat completion request and reports how and when it ended. */
final class ChatCall {
    private static final String PATH = "/v1/chat/completions";
    private static final String PROMPT = "Say hello to the benchmark in a few words. (conversation %d)";
    /**
     * Requests cycle through this many conversations (distinct first user turns). The gateway keys sticky
     * sessions by the opening of a conversation, so a single repeated prompt would send every cluster write
     * to one key, and so one partition thread; real traffic has many conversations.
     */
    private static final int CONVERSATIONS = 256;
    /** Bounds a run's drain: a request that stalls this long is counted as an error, not waited for. */
    private static final long IDLE_TIMEOUT_MS = 30_000;

    private final HttpClient client;
    private final RequestOptions options;
    private final Buffer[] bodies = new Buffer[CONVERSATIONS];
    private final boolean stream;
    private long requests;

    ChatCall(HttpClient client, Target target, boolean stream) {
        this.client = client;
        this.stream = stream;
        this.options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.host())
                .setPort(target.port())
                .setURI(PATH)
                .setIdleTimeout(IDLE_TIMEOUT_MS)
                .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + target.apiKey())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        for (int i = 0; i < CONVERSATIONS; i++) {
            JsonObject message = new JsonObject().put("role", "user").put("content", String.format(PROMPT, i));
            bodies[i] = new JsonObject()
                    .put("model", target.model())
                    .put("messages", new JsonArray().add(message))
                    .put("stream", stream)
                    .toBuffer();
        }
    }

    /** Must be called on the generator's event loop; {@code done} runs there too. */
    void send(Handler<Outcome> done) {
        Buffer body = bodies[(int) (requests++ % CONVERSATIONS)];
        client.request(options).compose(request -> request.send(body)).onComplete(sent -> {
            if (sent.failed()) {
                done.handle(Outcome.failed(sent.cause()));
            } else if (sent.result().statusCode() != 200) {
                int status = sent.result().statusCode();
                sent.result().body().onComplete(ignored -> done.handle(Outcome.failed("HTTP " + status)));
            } else if (stream) {
                readStream(sent.result(), done);
            } else {
                sent.result()
                        .body()
                        .onComplete(
                                read -> done.handle(read.succeeded() ? Outcome.ok(0) : Outcome.failed(read.cause())));
            }
        });
    }

    private static void readStream(HttpClientResponse response, Handler<Outcome> done) {
        SseProbe probe = new SseProbe();
        response.handler(probe::feed);
        response.end().onComplete(ended -> {
            if (ended.failed()) {
                done.handle(Outcome.failed(ended.cause()));
            } else if (probe.firstTokenNanos() == 0) {
                done.handle(Outcome.failed("stream without content"));
            } else if (!probe.complete()) {
                done.handle(Outcome.failed("stream without [DONE]"));
            } else {
                done.handle(Outcome.ok(probe.firstTokenNanos()));
            }
        });
    }
}
