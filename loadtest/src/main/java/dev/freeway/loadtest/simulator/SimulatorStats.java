package dev.freeway.loadtest.simulator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of chat-completion traffic, shared by all server instances. Getters read the current
 * values; the maps are snapshots. Dropped or hung requests are counted under status 0.
 */
public final class SimulatorStats {
    private static final int STATUS_SLOTS = 600;

    private final LongAdder total = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final AtomicLongArray byStatus = new AtomicLongArray(STATUS_SLOTS);
    private final ConcurrentHashMap<String, LongAdder> byKey = new ConcurrentHashMap<>();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong maxInFlight = new AtomicLong();

    SimulatorStats() {}

    public long totalRequests() {
        return total.sum();
    }

    /** Completions delivered in full; injected MALFORMED and STREAM_CUT answers do not count. */
    public long succeeded() {
        return succeeded.sum();
    }

    public long rateLimited() {
        return byStatus.get(429);
    }

    public Map<String, Long> requestsByKey() {
        Map<String, Long> snapshot = new TreeMap<>();
        byKey.forEach((key, count) -> snapshot.put(key, count.sum()));
        return Collections.unmodifiableMap(snapshot);
    }

    public Map<Integer, Long> byStatus() {
        Map<Integer, Long> snapshot = new TreeMap<>();
        for (int status = 0; status < STATUS_SLOTS; status++) {
            long count = byStatus.get(status);
            if (count > 0) {
                snapshot.put(status, count);
            }
        }
        return Collections.unmodifiableMap(snapshot);
    }

    public long inFlight() {
        return inFlight.get();
    }

    public long maxInFlight() {
        return maxInFlight.get();
    }

    public String toJson() {
        return JsonBytes.string(json -> {
            json.writeStartObject();
            json.writeNumberField("totalRequests", totalRequests());
            json.writeNumberField("succeeded", succeeded());
            json.writeNumberField("rateLimited", rateLimited());
            json.writeNumberField("inFlight", inFlight());
            json.writeNumberField("maxInFlight", maxInFlight());
            json.writeObjectFieldStart("byStatus");
            for (Map.Entry<Integer, Long> entry : byStatus().entrySet()) {
                json.writeNumberField(entry.getKey().toString(), entry.getValue());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("requestsByKey");
            for (Map.Entry<String, Long> entry : requestsByKey().entrySet()) {
                json.writeNumberField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    void recordStart() {
        total.increment();
        long now = inFlight.incrementAndGet();
        long max;
        while (now > (max = maxInFlight.get()) && !maxInFlight.compareAndSet(max, now)) {
            // another instance raised the maximum concurrently; re-read and compare again
        }
    }

    void recordFinish() {
        inFlight.decrementAndGet();
    }

    void recordKey(String key) {
        LongAdder count = byKey.get(key);
        if (count == null) {
            count = byKey.computeIfAbsent(key, k -> new LongAdder());
        }
        count.increment();
    }

    void recordStatus(int status) {
        byStatus.incrementAndGet(status);
    }

    void recordSuccess() {
        succeeded.increment();
    }

    /** Requests still in flight stay counted there, so the maximum restarts from them rather than zero. */
    void reset() {
        total.reset();
        succeeded.reset();
        byKey.clear();
        for (int status = 0; status < STATUS_SLOTS; status++) {
            byStatus.set(status, 0);
        }
        maxInFlight.set(inFlight.get());
    }
}
