package dev.freeway.gateway.routing;

import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.cluster.UsageCost;
import dev.freeway.gateway.cluster.UsageKey;
import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.cluster.UsageTotals;
import dev.freeway.gateway.provider.Usage;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts usage on this node and adds it to the cluster's totals in one call per key and flush,
 * not one per request: usage is for budgets and dashboards, which can trail by a second, while a
 * cluster write per request would double the ledger's traffic.
 *
 * <p>Counts what the upstream reported, nothing estimated: a request whose usage never came (the
 * stream broke off) counts as a request and as unmetered, with no
 * tokens and no cost, so the totals match the provider's own bill for everything it reported and
 * say how many requests it did not. Attempts that failed over never reach here: the upstream
 * refused them, and they cost nothing.
 */
public final class UsageRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);
    private static final long DAY_MILLIS = 86_400_000L;

    private final UsageMeter meter;
    private final Clock clock;
    private final Map<UsageKey, Counts> pending = new ConcurrentHashMap<>();
    /** Cost per team and month, for monthly spend caps: only paid answers add to it. */
    private final Map<SpendKey, LongAdder> spend = new ConcurrentHashMap<>();

    private volatile Day day = new Day(Long.MIN_VALUE, "");

    public UsageRecorder(UsageMeter meter, Clock clock) {
        this.meter = meter;
        this.clock = clock;
    }

    /** Counts one request of {@code team} served by {@code candidate}. */
    public void record(String team, Candidate candidate, Usage usage) {
        String today = today();
        UsageKey key = new UsageKey(
                today, team, candidate.provider(), candidate.model().id(), candidate.scope());
        Counts counts = pending.computeIfAbsent(key, k -> new Counts());
        counts.requests.increment();
        if (usage.known()) {
            counts.prompt.add(usage.promptTokens());
            counts.completion.add(usage.completionTokens());
            long cost = UsageCost.nanos(candidate.model().price(), usage.promptTokens(), usage.completionTokens());
            counts.costNanos.add(cost);
            if (cost > 0) {
                spend.computeIfAbsent(new SpendKey(team, today.substring(0, 7)), k -> new LongAdder())
                        .add(cost);
            }
        } else {
            counts.unmetered.increment();
        }
    }

    /** Sends what was counted since the last flush; called every second, on shutdown and before a usage report. */
    public Future<Void> flush() {
        List<Future<Void>> sent = new ArrayList<>();
        String today = today();
        for (Map.Entry<UsageKey, Counts> entry : pending.entrySet()) {
            UsageTotals delta = entry.getValue().drain();
            if (delta.isZero()) {
                // Only days that are over are dropped: today's counters may still be written to.
                if (!entry.getKey().day().equals(today)) {
                    pending.remove(entry.getKey(), entry.getValue());
                }
                continue;
            }
            sent.add(meter.add(entry.getKey(), delta).onFailure(e -> {
                LOG.warn("usage not recorded, kept for the next flush: {}", e.toString());
                entry.getValue().restore(delta);
            }));
        }
        for (Map.Entry<SpendKey, LongAdder> entry : spend.entrySet()) {
            long nanos = entry.getValue().sumThenReset();
            if (nanos == 0) {
                // As above: this month's adders may still be added to, so only past months go.
                if (!today.startsWith(entry.getKey().month())) {
                    spend.remove(entry.getKey(), entry.getValue());
                }
                continue;
            }
            SpendKey key = entry.getKey();
            sent.add(meter.addSpend(key.team(), key.month(), nanos).onFailure(e -> {
                LOG.warn("spend not recorded, kept for the next flush: {}", e.toString());
                spend.computeIfAbsent(key, k -> new LongAdder()).add(nanos);
            }));
        }
        return Future.join(sent).mapEmpty();
    }

    /** Formatted once per UTC day, not once per request. */
    private String today() {
        long index = Math.floorDiv(clock.millis(), DAY_MILLIS);
        Day day = this.day;
        if (day.index() != index) {
            day = new Day(index, LocalDate.ofEpochDay(index).toString());
            this.day = day;
        }
        return day.text();
    }

    private record Day(long index, String text) {}

    private record SpendKey(String team, String month) {}

    private static final class Counts {
        final LongAdder requests = new LongAdder();
        final LongAdder prompt = new LongAdder();
        final LongAdder completion = new LongAdder();
        final LongAdder costNanos = new LongAdder();
        final LongAdder unmetered = new LongAdder();

        UsageTotals drain() {
            return new UsageTotals(
                    requests.sumThenReset(),
                    prompt.sumThenReset(),
                    completion.sumThenReset(),
                    costNanos.sumThenReset(),
                    unmetered.sumThenReset());
        }

        void restore(UsageTotals delta) {
            requests.add(delta.requests());
            prompt.add(delta.promptTokens());
            completion.add(delta.completionTokens());
            costNanos.add(delta.costNanos());
            unmetered.add(delta.unmetered());
        }
    }
}
