package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.map.IMap;
import dev.freeway.gateway.limits.Admission;
import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.limits.Reservation;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The capacity ledger on Bucket4j's Hazelcast integration: per scope one request bucket (RPM, RPD)
 * and one token bucket (TPM, TPD), each consumed by an entry processor on the key's owner.
 * Scopes without limits never touch the cluster.
 */
final class Bucket4jLedger implements CapacityLedger {
    private final AsyncProxyManager<String> buckets;
    private final BucketShapes shapes;

    Bucket4jLedger(IMap<String, byte[]> map, Clock clock) {
        this.buckets = Bucket4jHazelcast.entryProcessorBasedBuilder(map)
                .clientClock(new ClockTimeMeter(clock))
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build()
                .asAsync();
        this.shapes = new BucketShapes(clock);
    }

    @Override
    public Future<Admission> reserve(String scope, Limits limits, long tokens) {
        Reservation reservation = new Reservation(scope, limits, limits.limitsTokens() ? tokens : 0);
        if (!limits.limitsRequests() && reservation.tokens() == 0) {
            return Future.succeededFuture(Admission.granted(reservation));
        }
        if (!limits.limitsRequests()) {
            return consumeTokens(reservation);
        }
        return FutureBridge.toVertx(requests(scope, limits).tryConsumeAndReturnRemaining(1))
                .compose(probe -> {
                    if (!probe.isConsumed()) {
                        return Future.succeededFuture(Admission.denied(probe.getNanosToWaitForRefill()));
                    }
                    if (reservation.tokens() == 0) {
                        return Future.succeededFuture(Admission.granted(reservation));
                    }
                    return consumeTokens(reservation)
                            .compose(admission -> admission.isGranted()
                                    ? Future.succeededFuture(admission)
                                    : FutureBridge.toVertx(
                                                    requests(scope, limits).addTokens(1))
                                            .map(admission));
                });
    }

    @Override
    public Future<Void> settle(Reservation reservation, long actualTokens) {
        if (!reservation.limits().limitsTokens()) {
            return Future.succeededFuture();
        }
        long difference = actualTokens - reservation.tokens();
        AsyncBucketProxy bucket = tokens(reservation.scope(), reservation.limits());
        CompletableFuture<?> correction = difference > 0
                ? bucket.consumeIgnoringRateLimits(difference)
                : difference < 0 ? bucket.addTokens(-difference) : CompletableFuture.completedFuture(null);
        return FutureBridge.toVertx(correction).mapEmpty();
    }

    private Future<Admission> consumeTokens(Reservation reservation) {
        return FutureBridge.toVertx(tokens(reservation.scope(), reservation.limits())
                        .tryConsumeAndReturnRemaining(reservation.tokens()))
                .map(probe -> admission(probe, reservation));
    }

    private static Admission admission(ConsumptionProbe probe, Reservation reservation) {
        return probe.isConsumed() ? Admission.granted(reservation) : Admission.denied(probe.getNanosToWaitForRefill());
    }

    private AsyncBucketProxy requests(String scope, Limits limits) {
        return buckets.builder().build(scope + "#req", () -> config(shapes.requests(limits)));
    }

    private AsyncBucketProxy tokens(String scope, Limits limits) {
        return buckets.builder().build(scope + "#tok", () -> config(shapes.tokens(limits)));
    }

    private static CompletableFuture<BucketConfiguration> config(BucketConfiguration configuration) {
        return CompletableFuture.completedFuture(configuration);
    }
}
