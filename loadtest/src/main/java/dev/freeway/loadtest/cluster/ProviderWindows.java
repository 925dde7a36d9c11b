package dev.freeway.loadtest.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the provider admitted and refused in each of its minute windows ({@code epochMillis / 60000}, as
 * the simulator counts). Read from the simulator's {@code windows} counters when it has them; older
 * simulators only have totals, so a thread also samples those at every minute boundary, which puts the
 * few requests that arrive while a sample is in flight into the neighbouring window.
 */
final class ProviderWindows implements AutoCloseable {
    private static final long MINUTE = 60_000;

    private final SimulatorProcess simulator;
    private final Map<Long, Window> sampled = new TreeMap<>();
    private final Thread sampler;
    private long lastMinute;
    private long lastTotal;
    private long lastRefused;

    private ProviderWindows(SimulatorProcess simulator) throws IOException, InterruptedException {
        this.simulator = simulator;
        sample(System.currentTimeMillis());
        sampler = new Thread(this::sampleAtBoundaries, "window-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static ProviderWindows start(SimulatorProcess simulator) throws IOException, InterruptedException {
        return new ProviderWindows(simulator);
    }

    /**
     * @param minute the window, {@code epochMillis / 60000}
     * @param admitted requests the provider served
     * @param refused requests it answered with 429
     */
    record Window(long minute, long admitted, long refused) {
        long sent() {
            return admitted + refused;
        }
    }

    /** Every window with traffic so far, oldest first, and where the figures came from. */
    synchronized Counted windows() throws IOException, InterruptedException {
        JsonObject stats = simulator.stats();
        JsonArray windows = stats.getJsonArray("windows");
        if (windows != null) {
            List<Window> fromSimulator = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                JsonObject w = windows.getJsonObject(i);
                if (SimulatorProcess.KEY.equals(w.getString("key"))) {
                    long refused = w.getLong("rate_limited", w.getLong("rateLimited", 0L));
                    fromSimulator.add(new Window(w.getLong("minute"), w.getLong("requests"), refused));
                }
            }
            return new Counted(fromSimulator, "simulator per-minute window counters (/_sim/stats windows)");
        }
        sample(System.currentTimeMillis());
        return new Counted(
                List.copyOf(sampled.values()),
                "simulator totals sampled at each minute boundary (no per-window counters in this simulator)");
    }

    record Counted(List<Window> windows, String source) {}

    @Override
    public void close() {
        sampler.interrupt();
    }

    private void sampleAtBoundaries() {
        try {
            while (true) {
                long now = System.currentTimeMillis();
                Thread.sleep(MINUTE - now % MINUTE);
                // Taken just after the boundary, so it closes the window that has just ended.
                sample(System.currentTimeMillis() - 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("window sampler stopped: " + e);
        }
    }

    private synchronized void sample(long atMillis) throws IOException, InterruptedException {
        JsonObject stats = simulator.stats();
        long total = stats.getLong("totalRequests");
        long refused = stats.getLong("rateLimited");
        long minute = atMillis / MINUTE;
        if (lastMinute != 0) {
            Window before = sampled.getOrDefault(lastMinute, new Window(lastMinute, 0, 0));
            long newRefused = refused - lastRefused;
            long newAdmitted = total - lastTotal - newRefused;
            if (newAdmitted + newRefused > 0) {
                sampled.put(
                        lastMinute,
                        new Window(lastMinute, before.admitted() + newAdmitted, before.refused() + newRefused));
            }
        }
        lastMinute = minute;
        lastTotal = total;
        lastRefused = refused;
    }
}
