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
 * Usage in an IMap keyed by {@link UsageKey#encode()}, and each team's monthly spend in another
 * keyed {@code team|month}; both added to by {@link UsageAdd} on the owner.
 */
final class HzUsageMeter implements UsageMeter {
    private final IMap<String, long[]> map;
    private final IMap<String, long[]> spend;

    HzUsageMeter(IMap<String, long[]> map, IMap<String, long[]> spend) {
        this.map = map;
        this.spend = spend;
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
    public Future<Void> addSpend(String team, String month, long costNanos) {
        UsageTotals delta = new UsageTotals(0, 0, 0, costNanos, 0);
        return FutureBridge.toVertx(spend.submitToKey(spendKey(team, month), new UsageAdd(delta)))
                .mapEmpty();
    }

    @Override
    public Future<Map<String, Long>> spend(String month, Collection<String> teams) {
        Set<String> keys = teams.stream().map(team -> spendKey(team, month)).collect(Collectors.toSet());
        Context context = Vertx.currentContext();
        return context == null
                ? Future.succeededFuture(spentBy(spend.getAll(keys)))
                : context.executeBlocking(() -> spentBy(spend.getAll(keys)), false);
    }

    private static String spendKey(String team, String month) {
        return team + '|' + month;
    }

    private static Map<String, Long> spentBy(Map<String, long[]> found) {
        Map<String, Long> spent = new HashMap<>();
        found.forEach((key, totals) -> spent.put(
                key.substring(0, key.lastIndexOf('|')),
                UsageTotals.fromArray(totals).costNanos()));
        return spent;
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
