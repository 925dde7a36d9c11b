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
import java.util.List;
import java.util.regex.Pattern;

/** Usage in an IMap keyed by {@link UsageKey#encode()}, added to by {@link UsageAdd} on the owner. */
final class HzUsageMeter implements UsageMeter {
    private final IMap<String, long[]> map;

    HzUsageMeter(IMap<String, long[]> map) {
        this.map = map;
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

    private List<UsageRow> query(String day, String team) {
        // Built-in predicates only: a predicate class of our own would need a serialization id.
        String pattern = Pattern.quote(UsageKey.prefix(day, team)) + ".*";
        return map.entrySet(Predicates.regex("__key", pattern)).stream()
                .filter(e -> UsageKey.readable(e.getKey()))
                .map(e -> new UsageRow(UsageKey.decode(e.getKey()), UsageTotals.fromArray(e.getValue())))
                .toList();
    }
}
