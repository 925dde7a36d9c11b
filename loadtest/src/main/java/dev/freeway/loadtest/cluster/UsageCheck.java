package dev.freeway.loadtest.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The cluster's usage totals against the provider's own count: every request the simulator admitted for
 * the gateway's key, and its prompt plus completion tokens, must appear once in {@code GET /admin/usage}
 * on every node, however often nodes left and joined. Nodes flush usage every second and on shutdown, so
 * each node's totals are read until two reads {@value #SETTLE_MS} ms apart agree before they are compared.
 */
final class UsageCheck {
    private static final long SETTLE_MS = 2_000;
    private static final long SETTLE_TIMEOUT_MS = 60_000;

    private UsageCheck() {}

    /** @param unmetered requests whose usage never came, so their tokens are missing from the totals */
    record Totals(long requests, long tokens, long unmetered) {
        String text() {
            return requests + " req / " + tokens + " tok";
        }

        boolean sameCount(Totals other) {
            return requests == other.requests && tokens == other.tokens;
        }
    }

    /** Call once the load has ended: the simulator's count is final then. */
    static void report(Cluster cluster, SimulatorProcess simulator, ScenarioReport report)
            throws IOException, InterruptedException {
        Totals served = served(simulator);
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        for (int i = 0; i < Cluster.SIZE; i++) {
            NodeApi api = cluster.api(i);
            String figure = "usage on " + api.name() + " (GET /admin/usage, " + day + ")";
            String target = "= provider's count, " + served.text();
            long start = System.nanoTime();
            try {
                Totals counted = settled(api, day);
                report.row(
                        figure,
                        target,
                        String.format(
                                "%s, %d unmetered (settled in %.1f s)",
                                counted.text(), counted.unmetered(), (System.nanoTime() - start) / 1e9),
                        counted.sameCount(served));
            } catch (IOException e) {
                // The other nodes' rows still say whether the totals survived.
                report.row(figure, target, "no figure: " + e.getMessage(), false);
            }
        }
    }

    /** What the simulator admitted for the gateway's key, summed over its minute windows. */
    private static Totals served(SimulatorProcess simulator) throws IOException, InterruptedException {
        JsonArray windows = simulator.stats().getJsonArray("windows");
        if (windows == null) {
            throw new IOException("the simulator has no per-key window counters (/_sim/stats windows)");
        }
        long requests = 0;
        long tokens = 0;
        for (int i = 0; i < windows.size(); i++) {
            JsonObject w = windows.getJsonObject(i);
            if (SimulatorProcess.KEY.equals(w.getString("key"))) {
                requests += w.getLong("requests");
                tokens += w.getLong("tokens");
            }
        }
        return new Totals(requests, tokens, 0);
    }

    private static Totals settled(NodeApi api, String day) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + SETTLE_TIMEOUT_MS;
        Totals last = read(api, day);
        while (true) {
            Thread.sleep(SETTLE_MS);
            Totals now = read(api, day);
            if (now.equals(last)) {
                return now;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException(api.name() + "'s usage still changing after " + SETTLE_TIMEOUT_MS + " ms");
            }
            last = now;
        }
    }

    private static Totals read(NodeApi api, String day) throws IOException {
        Http.Reply reply = api.usage(day);
        if (reply.status() != 200) {
            throw new IOException(api.name() + " GET /admin/usage answered " + reply.status() + ": " + reply.body());
        }
        JsonArray rows = new JsonObject(reply.body()).getJsonArray("data");
        long requests = 0;
        long tokens = 0;
        long unmetered = 0;
        for (int i = 0; i < rows.size(); i++) {
            JsonObject row = rows.getJsonObject(i);
            requests += row.getLong("requests");
            tokens += row.getLong("prompt_tokens") + row.getLong("completion_tokens");
            unmetered += row.getLong("unmetered_requests");
        }
        return new Totals(requests, tokens, unmetered);
    }
}
