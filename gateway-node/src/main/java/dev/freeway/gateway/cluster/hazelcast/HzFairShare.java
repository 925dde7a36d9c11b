package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.map.IMap;
import dev.freeway.gateway.cluster.FairShare;
import io.vertx.core.Future;

/** The window tallies in Hazelcast; each claim is one entry processor on the window's owner. */
final class HzFairShare implements FairShare {
    private final IMap<String, String> map;

    HzFairShare(IMap<String, String> map) {
        this.map = map;
    }

    @Override
    public Future<Boolean> claim(String window, String team, int weight, long limit) {
        return FutureBridge.toVertx(map.submitToKey(window, new FairShareClaim(team, weight, limit)));
    }
}
