package dev.freeway.gateway.routing;

import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.cluster.UsageTotals;
import dev.freeway.gateway.provider.Usage;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts usage on this node and adds it to the cluster's totals in one call per scope and flush,
 * not one per request: usage is for budgets and dashboards, which can trail by a second, while a
 * cluster write per request would double the ledger's traffic.
 */
public final class UsageRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);

    private final UsageMeter meter;
    private final Clock clock;
    private final Map<String, Counts> pending = new ConcurrentHashMap<>();

    public UsageRecorder(UsageMeter meter, Clock clock) {
        this.meter = meter;
        this.clock = clock;
    }

    /** Counts one request; a usage the provider did not report counts the request alone. */
    public void record(String scope, Usage usage) {
        String key = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + "|" + scope;
        Counts counts = pending.computeIfAbsent(key, k -> new Counts());
        counts.requests.increment();
        if (usage.known()) {
            counts.prompt.add(usage.promptTokens());
            counts.completion.add(usage.completionTokens());
        }
    }

    /** Sends what was counted since the last flush; called every second and on shutdown. */
    public Future<Void> flush() {
        List<Future<Void>> sent = new ArrayList<>();
        String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        for (Map.Entry<String, Counts> entry : pending.entrySet()) {
            UsageTotals delta = entry.getValue().drain();
            if (delta.isZero()) {
                // Only days that are over are dropped: today's counters may still be written to.
                if (!entry.getKey().startsWith(today)) {
                    pending.remove(entry.getKey(), entry.getValue());
                }
                continue;
            }
            int bar = entry.getKey().indexOf('|');
            sent.add(meter.add(entry.getKey().substring(0, bar), entry.getKey().substring(bar + 1), delta)
                    .onFailure(e -> {
                        LOG.warn("usage not recorded, kept for the next flush: {}", e.toString());
                        entry.getValue().restore(delta);
                    }));
        }
        return Future.join(sent).mapEmpty();
    }

    private static final class Counts {
        final LongAdder requests = new LongAdder();
        final LongAdder prompt = new LongAdder();
        final LongAdder completion = new LongAdder();

        UsageTotals drain() {
            return new UsageTotals(requests.sumThenReset(), prompt.sumThenReset(), completion.sumThenReset());
        }

        void restore(UsageTotals delta) {
            requests.add(delta.requests());
            prompt.add(delta.promptTokens());
            completion.add(delta.completionTokens());
        }
    }
}
