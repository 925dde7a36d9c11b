package dev.freeway.gateway.testing;

import dev.freeway.gateway.cluster.UsageKey;
import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.cluster.UsageRow;
import dev.freeway.gateway.cluster.UsageTotals;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's usage totals without a cluster. Rows are kept as {@code day|team|model}, monthly
 * totals as {@code subject|month}; {@link #failing} makes every write fail, as a lost member would.
 */
public final class InMemoryUsageMeter implements UsageMeter {
    public final Map<String, UsageTotals> rows = new HashMap<>();
    public final Map<String, UsageTotals> monthly = new HashMap<>();
    public boolean failing;
    private int adds;

    /** Calls of {@link #add}: one per key and flush is the point of aggregating. */
    public int adds() {
        return adds;
    }

    @Override
    public Future<Void> add(UsageKey key, UsageTotals delta) {
        adds++;
        if (failing) {
            return Future.failedFuture("member gone");
        }
        rows.merge(key.day() + "|" + key.team() + "|" + key.model(), delta, UsageTotals::plus);
        return Future.succeededFuture();
    }

    @Override
    public Future<List<UsageRow>> read(String day, String team) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public Future<Void> addMonthly(String subject, String month, UsageTotals delta) {
        if (failing) {
            return Future.failedFuture("member gone");
        }
        monthly.merge(subject + "|" + month, delta, UsageTotals::plus);
        return Future.succeededFuture();
    }

    @Override
    public Future<Map<String, UsageTotals>> monthly(String month, Collection<String> subjects) {
        Map<String, UsageTotals> found = new HashMap<>();
        for (String subject : subjects) {
            UsageTotals totals = monthly.get(subject + "|" + month);
            if (totals != null) {
                found.put(subject, totals);
            }
        }
        return Future.succeededFuture(found);
    }
}
