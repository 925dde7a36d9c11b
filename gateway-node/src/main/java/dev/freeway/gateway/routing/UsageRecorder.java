package dev.freeway.gateway.routing;

import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.cluster.UsageCost;
import dev.freeway.gateway.cluster.UsageKey;
import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.cluster.UsageTotals;
import dev.freeway.gateway.limits.MonthlyBudget;
import dev.freeway.gateway.provider.Usage;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
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
    /** Per team and month (for spend caps) and per monthly-budget scope and month (for warnings). */
    private final Map<MonthKey, Counts> monthly = new ConcurrentHashMap<>();
    /** The monthly budgets this node has drawn on, by scope: the ones worth watching. */
    private final Map<String, MonthlyBudget> budgets = new ConcurrentHashMap<>();

    private volatile Day day = new Day(Long.MIN_VALUE, "");

    public UsageRecorder(UsageMeter meter, Clock clock) {
        this.meter = meter;
        this.clock = clock;
    }

    /** Counts one request of {@code team} served by {@code candidate}. */
    public void record(String team, Candidate candidate, Usage usage) {
        String today = today();
        String month = today.substring(0, 7);
        long cost = usage.known()
                ? UsageCost.nanos(candidate.model().price(), usage.promptTokens(), usage.completionTokens())
                : 0;
        UsageKey key = new UsageKey(
                today, team, candidate.provider(), candidate.model().id(), candidate.scope());
        pending.computeIfAbsent(key, k -> new Counts()).add(usage, cost);
        monthly.computeIfAbsent(new MonthKey(UsageMeter.TEAM, team, month), k -> new Counts())
                .add(usage, cost);
        for (MonthlyBudget budget : candidate.monthly()) {
            budgets.putIfAbsent(budget.scope(), budget);
            monthly.computeIfAbsent(new MonthKey(UsageMeter.SCOPE, budget.scope(), month), k -> new Counts())
                    .add(usage, cost);
        }
    }

    /** The monthly budgets requests on this node have drawn on. */
    public Collection<MonthlyBudget> budgets() {
        return budgets.values();
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
        for (Map.Entry<MonthKey, Counts> entry : monthly.entrySet()) {
            UsageTotals delta = entry.getValue().drain();
            MonthKey key = entry.getKey();
            if (delta.isZero()) {
                // As above: this month's counters may still be written to, so only past months go.
                if (!today.startsWith(key.month())) {
                    monthly.remove(key, entry.getValue());
                }
                continue;
            }
            sent.add(meter.addMonthly(key.subject(), key.month(), delta).onFailure(e -> {
                LOG.warn("monthly usage not recorded, kept for the next flush: {}", e.toString());
                entry.getValue().restore(delta);
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

    /** A subject of monthly totals: {@code team:<name>} or {@code scope:<scope>}, built only when sent. */
    private record MonthKey(String kind, String name, String month) {
        String subject() {
            return kind + name;
        }
    }

    private static final class Counts {
        final LongAdder requests = new LongAdder();
        final LongAdder prompt = new LongAdder();
        final LongAdder completion = new LongAdder();
        final LongAdder costNanos = new LongAdder();
        final LongAdder unmetered = new LongAdder();

        void add(Usage usage, long cost) {
            requests.increment();
            if (usage.known()) {
                prompt.add(usage.promptTokens());
                completion.add(usage.completionTokens());
                costNanos.add(cost);
            } else {
                unmetered.increment();
            }
        }

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
