package dev.freeway.loadtest.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * "Someone else" using the same provider key without Freeway: requests straight to the simulator
 * at a fixed rate. The provider counts them; only its rate-limit headers tell Freeway.
 */
final class OutsideClient implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outside-client");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private OutsideClient() {}

    static OutsideClient start(SimulatorProcess simulator, double perSecond) {
        OutsideClient client = new OutsideClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/chat/completions"))
                .header("authorization", "Bearer " + SimulatorProcess.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"sim-model\",\"messages\":[{\"role\":\"user\",\"content\":\"elsewhere\"}]}"))
                .build();
        long periodMicros = (long) (1_000_000 / perSecond);
        client.timer.scheduleAtFixedRate(
                () -> client.http
                        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .thenAccept(response ->
                                (response.statusCode() == 200 ? client.served : client.refused).incrementAndGet()),
                0,
                periodMicros,
                TimeUnit.MICROSECONDS);
        return client;
    }

    long served() {
        return served.get();
    }

    long refused() {
        return refused.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
