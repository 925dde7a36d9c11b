package dev.freeway.loadtest.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of chat traffic in every format, shared by all server instances. Getters read the current
 * values; the maps and lists are snapshots. Dropped or hung requests are counted under status 0. Any
 * client that holds a key counts the same, so traffic sent around a gateway shows up next to its own, and a
 * key's requests and tokens count alike whichever format they came in.
 */
public final class SimulatorStats {
    private static final int STATUS_SLOTS = 600;
    private static final ApiFormat[] FORMATS = ApiFormat.values();

    /** Summed for the total, so counting formats still costs a request one counter increment. */
    private final LongAdder[] byFormat = new LongAdder[FORMATS.length];

    private final LongAdder succeeded = new LongAdder();
    private final AtomicLongArray byStatus = new AtomicLongArray(STATUS_SLOTS);
    private final ConcurrentHashMap<String, KeyTraffic> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> byAccount = new ConcurrentHashMap<>();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong maxInFlight = new AtomicLong();

    SimulatorStats() {
        for (int i = 0; i < byFormat.length; i++) {
            byFormat[i] = new LongAdder();
        }
    }

    public long totalRequests() {
        long total = 0;
        for (LongAdder format : byFormat) {
            total += format.sum();
        }
        return total;
    }

    /** Every chat request per format it came in, each format listed. */
    public Map<ApiFormat, Long> requestsByFormat() {
        Map<ApiFormat, Long> snapshot = new EnumMap<>(ApiFormat.class);
        for (ApiFormat format : FORMATS) {
            snapshot.put(format, byFormat[format.ordinal()].sum());
        }
        return Collections.unmodifiableMap(snapshot);
    }

    /** Cloudflare requests per account id named in their path. */
    public Map<String, Long> requestsByAccount() {
        Map<String, Long> snapshot = new TreeMap<>();
        byAccount.forEach((account, count) -> snapshot.put(account, count.sum()));
        return Collections.unmodifiableMap(snapshot);
    }

    /** Completions delivered in full; injected MALFORMED and STREAM_CUT answers do not count. */
    public long succeeded() {
        return succeeded.sum();
    }

    public long rateLimited() {
        return byStatus.get(429);
    }

    /** Every authenticated request per key, including those refused or failed. */
    public Map<String, Long> requestsByKey() {
        Map<String, Long> snapshot = new TreeMap<>();
        byKey.forEach((key, traffic) -> snapshot.put(key, traffic.requests()));
        return Collections.unmodifiableMap(snapshot);
    }

    /** Each key's traffic per minute window it was seen in, ordered by key, then minute. */
    public List<WindowCount> minuteWindows() {
        List<WindowCount> windows = new ArrayList<>();
        byKey.forEach((key, traffic) -> windows.addAll(traffic.windows(key)));
        windows.sort(Comparator.comparing(WindowCount::key).thenComparingLong(WindowCount::minute));
        return Collections.unmodifiableList(windows);
    }

    /** The most requests {@code key} was admitted in any one minute window; 0 for an unseen key. */
    public long maxRequestsPerMinute(String key) {
        return windowsOf(key).stream().mapToLong(WindowCount::requests).max().orElse(0);
    }

    /** The most tokens {@code key} was served in any one minute window; 0 for an unseen key. */
    public long maxTokensPerMinute(String key) {
        return windowsOf(key).stream().mapToLong(WindowCount::tokens).max().orElse(0);
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
            json.writeObjectFieldStart("requestsByFormat");
            for (Map.Entry<ApiFormat, Long> entry : requestsByFormat().entrySet()) {
                json.writeNumberField(entry.getKey().name().toLowerCase(Locale.ROOT), entry.getValue());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("requestsByAccount");
            for (Map.Entry<String, Long> entry : requestsByAccount().entrySet()) {
                json.writeNumberField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            json.writeArrayFieldStart("windows");
            for (WindowCount window : minuteWindows()) {
                json.writeStartObject();
                json.writeStringField("key", window.key());
                json.writeNumberField("minute", window.minute());
                json.writeNumberField("requests", window.requests());
                json.writeNumberField("tokens", window.tokens());
                json.writeNumberField("rateLimited", window.rateLimited());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private List<WindowCount> windowsOf(String key) {
        KeyTraffic traffic = byKey.get(key);
        return traffic == null ? List.of() : traffic.windows(key);
    }

    void recordStart(ApiFormat format) {
        byFormat[format.ordinal()].increment();
        long now = inFlight.incrementAndGet();
        long max;
        while (now > (max = maxInFlight.get()) && !maxInFlight.compareAndSet(max, now)) {
            // another instance raised the maximum concurrently; re-read and compare again
        }
    }

    void recordFinish() {
        inFlight.decrementAndGet();
    }

    /** Counts a request of {@code key} and returns the key's traffic, for the rest of the request to count in. */
    KeyTraffic recordKey(String key) {
        KeyTraffic traffic = byKey.get(key);
        if (traffic == null) {
            traffic = byKey.computeIfAbsent(key, k -> new KeyTraffic());
        }
        traffic.recordRequest();
        return traffic;
    }

    void recordAccount(String account) {
        LongAdder count = byAccount.get(account);
        if (count == null) {
            count = byAccount.computeIfAbsent(account, a -> new LongAdder());
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
        for (LongAdder format : byFormat) {
            format.reset();
        }
        succeeded.reset();
        byKey.clear();
        byAccount.clear();
        for (int status = 0; status < STATUS_SLOTS; status++) {
            byStatus.set(status, 0);
        }
        maxInFlight.set(inFlight.get());
    }
}
