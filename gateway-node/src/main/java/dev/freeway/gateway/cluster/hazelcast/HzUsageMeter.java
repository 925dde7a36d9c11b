package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import dev.freeway.gateway.cluster.UsageKey;
import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.cluster.UsageRow;
import dev.freeway.gateway.cluster.UsageTotals;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Usage in an IMap keyed by {@link UsageKey#encode()}, and monthly totals per subject in another
 * keyed {@code subject|month}; both added to by {@link UsageAdd} on the owner.
 */
final class HzUsageMeter implements UsageMeter {
    private final IMap<String, long[]> map;
    private final IMap<String, long[]> monthly;

    HzUsageMeter(IMap<String, long[]> map, IMap<String, long[]> monthly) {
        this.map = map;
        this.monthly = monthly;
    }

    @Override
    public Future<Void> add(UsageKey key, UsageTotals delta) {
        return FutureBridge.toVertx(map.submitToKey(key.encode(), new UsageAdd(delta)))
                .mapEmpty();
    }

    @Override
    public Future<List<UsageRow>> read(String day, String team) {
        // A query asks every member and blocks; reports are rare, so a worker thread is cheap.
        Context context = Vertx.currentContext();
        return context == null
                ? Future.succeededFuture(query(day, team))
                : context.executeBlocking(() -> query(day, team), false);
    }

    @Override
    public Future<Void> addMonthly(String subject, String month, UsageTotals delta) {
        return FutureBridge.toVertx(monthly.submitToKey(monthKey(subject, month), new UsageAdd(delta)))
                .mapEmpty();
    }

    @Override
    public Future<Map<String, UsageTotals>> monthly(String month, Collection<String> subjects) {
        Set<String> keys =
                subjects.stream().map(subject -> monthKey(subject, month)).collect(Collectors.toSet());
        Context context = Vertx.currentContext();
        return context == null
                ? Future.succeededFuture(bySubject(monthly.getAll(keys)))
                : context.executeBlocking(() -> bySubject(monthly.getAll(keys)), false);
    }

    private static String monthKey(String subject, String month) {
        return subject + '|' + month;
    }

    private static Map<String, UsageTotals> bySubject(Map<String, long[]> found) {
        Map<String, UsageTotals> totals = new HashMap<>();
        found.forEach((key, sums) -> totals.put(key.substring(0, key.lastIndexOf('|')), UsageTotals.fromArray(sums)));
        return totals;
    }

    private List<UsageRow> query(String day, String team) {
        // Built-in predicates only: a predicate class of our own would need a serialization id.
        String pattern = Pattern.quote(UsageKey.prefix(day, team)) + ".*";
        return map.entrySet(Predicates.regex("__key", pattern)).stream()
                .filter(e -> UsageKey.readable(e.getKey()))
                .map(e -> new UsageRow(UsageKey.decode(e.getKey()), UsageTotals.fromArray(e.getValue())))
                .toList();
    }
}
