package dev.freeway.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.freeway.gateway.json.Json;
import dev.freeway.loadtest.simulator.ApiFormat;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pass-through in front of a simulator, for what its stats cannot show or its failure modes
 * cannot say: it keeps every request body the gateway sent, in order, and can make the platform
 * answer that a key's credit is gone (402, in OpenRouter's words) while the call still reaches the
 * simulator, whose stats then count it like any other. Answers are buffered, so it is for plain
 * (non-streamed) requests.
 */
final class UpstreamTap implements AutoCloseable {
    /** OpenRouter's answer to a key whose account has no credit left. */
    static final String NO_CREDIT_BODY = "{\"error\":{\"message\":\"Insufficient credits. This account never purchased"
            + " credits. Make sure your key is on the correct account or org, and if so, purchase more at"
            + " https://openrouter.ai/settings/credits\",\"code\":402}}";

    private static final Set<String> REQUEST_HEADERS =
            Set.of("authorization", "content-type", "accept", "x-goog-api-key", "x-api-key", "anthropic-version");

    /** What one request carried: the key it was sent with and its JSON body. */
    record Sent(String path, String key, JsonNode body) {}

    private final String upstreamRoot;
    private final String root;
    private final ProviderSimulator simulator;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Set<String> outOfCredit = ConcurrentHashMap.newKeySet();

    private UpstreamTap(ProviderSimulator simulator) throws IOException {
        this.simulator = simulator;
        this.upstreamRoot = "http://127.0.0.1:" + simulator.port();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::relay);
        server.setExecutor(executor);
        server.start();
        this.root = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static UpstreamTap before(ProviderSimulator simulator) {
        try {
            return new UpstreamTap(simulator);
        } catch (IOException e) {
            throw new IllegalStateException("tap cannot listen", e);
        }
    }

    /** Where a client of {@code format} points to reach the simulator through this tap. */
    String baseUrl(ApiFormat format) {
        return simulator.baseUrl(format).replace(upstreamRoot, root);
    }

    /** From now on every call with {@code key} is answered 402, after it reached the simulator. */
    void outOfCredit(String key) {
        outOfCredit.add(key);
    }

    /** Every request sent through the tap so far, in order. */
    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The bodies of the requests for {@code model}, in order. */
    List<JsonNode> bodiesFor(String model) {
        return sent.stream()
                .map(Sent::body)
                .filter(body -> model.equals(body.path("model").asText()))
                .toList();
    }

    private void relay(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String key = key(exchange);
            sent.add(new Sent(exchange.getRequestURI().getPath(), key, json(body)));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstreamRoot + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (key != null && outOfCredit.contains(key)) {
                respond(exchange, 402, NO_CREDIT_BODY.getBytes(StandardCharsets.UTF_8));
                return;
            }
            answer.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.equals("content-type") || lower.equals("retry-after") || lower.startsWith("x-ratelimit-")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            respond(exchange, answer.statusCode(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (status == 402) {
            exchange.getResponseHeaders().set("content-type", "application/json");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String key(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return authorization.substring("Bearer ".length()).trim();
        }
        String google = exchange.getRequestHeaders().getFirst("x-goog-api-key");
        return google != null ? google : exchange.getRequestHeaders().getFirst("x-api-key");
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            return tree == null ? MissingNode.getInstance() : tree;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
