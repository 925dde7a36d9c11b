package dev.freeway.loadtest.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A plain HTTP/1.1 client for a simulator, the protocol the gateway uses upstream. */
final class SimClient {
    static final String KEY = "sk-test";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int port;
    private final String root;

    SimClient(ProviderSimulator simulator) {
        this.port = simulator.port();
        this.root = "http://127.0.0.1:" + port;
    }

    /** A user message, as the simplest valid request body. */
    static String userMessage(String text) {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    HttpResponse<String> chat(String body) {
        return chat(KEY, body);
    }

    HttpResponse<String> chat(String key, String body) {
        return send(chatRequest(key, body));
    }

    CompletableFuture<HttpResponse<String>> chatAsync(String body) {
        return http.sendAsync(chatRequest(KEY, body), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends a chat request over a bare socket and returns every byte the server wrote until it closed the
     * connection. HttpClient cannot show this: it may discard a body it already received once the
     * connection fails.
     */
    String chatUntilClosed(String body) throws IOException {
        return postUntilClosed("/v1/chat/completions", body, "Authorization", "Bearer " + KEY);
    }

    /** Like {@link #chatUntilClosed}, to any path, with header names and values given in turn. */
    String postUntilClosed(String pathAndQuery, String body, String... headers) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("Content-Type: application/json\r\nContent-Length: ")
                .append(content.length)
                .append("\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(root + path)).GET().build());
    }

    /** POSTs a JSON body to any path, with header names and values given in turn. */
    HttpResponse<String> post(String pathAndQuery, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(URI.create(root + path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private HttpRequest chatRequest(String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request.build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
