package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.map.IMap;
import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.cluster.UsageTotals;
import io.vertx.core.Future;

/** Usage in an IMap keyed {@code <day>|<scope>}, added to by {@link UsageAdd} on the owner. */
final class HzUsageMeter implements UsageMeter {
    private final IMap<String, long[]> map;

    HzUsageMeter(IMap<String, long[]> map) {
        this.map = map;
    }

    @Override
    public Future<Void> add(String day, String scope, UsageTotals delta) {
        UsageAdd add = new UsageAdd(delta.requests(), delta.promptTokens(), delta.completionTokens());
        return FutureBridge.toVertx(map.submitToKey(day + "|" + scope, add)).mapEmpty();
    }
}
