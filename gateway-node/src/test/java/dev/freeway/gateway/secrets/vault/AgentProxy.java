package dev.freeway.gateway.secrets.vault;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for a Vault Agent cache listener with {@code use_auto_auth_token = force}: forwards every
 * request to Vault with the agent's own token in place of whatever the caller sent, and counts the
 * requests that arrived carrying a token of their own.
 */
final class AgentProxy implements AutoCloseable {
    private final HttpClient client = HttpClient.newHttpClient();
    private final String vault;
    private final String agentToken;
    private final AtomicInteger callerTokens = new AtomicInteger();
    private final HttpServer server;

    AgentProxy(String vaultAddress, String agentToken) throws IOException {
        this.vault = vaultAddress;
        this.agentToken = agentToken;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests that came with an {@code X-Vault-Token}: the node must send none. */
    int requestsWithCallerToken() {
        return callerTokens.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        if (exchange.getRequestHeaders().containsKey("X-Vault-Token")) {
            callerTokens.incrementAndGet();
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create(vault + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Vault-Token", agentToken)
                .build();
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
