package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import dev.freeway.gateway.limits.Admission;
import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.limits.Drift;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.limits.Reservation;
import dev.freeway.gateway.limits.SharedLedgerRefused;
import dev.freeway.gateway.limits.Window;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capacity ledger on Bucket4j's Hazelcast integration: one single-window bucket per limited
 * window of a scope, each consumed by an entry processor on its owner. A scope's windows share one
 * partition, so an admission sends its consumptions together to one member: one round trip. A
 * window that lacks room gives back what the others took. Scopes without limits never touch the
 * cluster.
 */
final class Bucket4jLedger implements CapacityLedger {
    private static final Logger LOG = LoggerFactory.getLogger(Bucket4jLedger.class);

    private final WindowBuckets buckets;
    private final Clock clock;

    Bucket4jLedger(WindowBuckets buckets, Clock clock) {
        this.buckets = buckets;
        this.clock = clock;
    }

    @Override
    public Future<Admission> reserve(String scope, Limits limits, long tokens) {
        long reservedTokens = limits.limitsTokens() ? tokens : 0;
        long now = clock.millis();
        List<Window> windows = new ArrayList<>(4);
        List<CompletableFuture<ConsumptionProbe>> probes = new ArrayList<>(4);
        for (Window window : Window.all()) {
            if (window.meters(limits, reservedTokens)) {
                windows.add(window);
                probes.add(buckets.tryConsume(scope, window, limits, window.cost(reservedTokens)));
            }
        }
        if (windows.isEmpty()) {
            return Future.succeededFuture(Admission.granted(Reservation.unmetered(scope, limits, reservedTokens)));
        }
        CompletableFuture<Admission> admission = CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new))
                .handle((ignored, error) -> decide(scope, limits, reservedTokens, now, windows, probes));
        return FutureBridge.toVertx(admission);
    }

    private Admission decide(
            String scope,
            Limits limits,
            long tokens,
            long now,
            List<Window> windows,
            List<CompletableFuture<ConsumptionProbe>> probes) {
        long[] remaining = Reservation.unknown();
        long waitNanos = 0;
        RuntimeException failure = null;
        for (int i = 0; i < windows.size(); i++) {
            CompletableFuture<ConsumptionProbe> probe = probes.get(i);
            if (probe.isCompletedExceptionally()) {
                Throwable cause = cause(probe);
                failure = cause instanceof SplitBrainProtectionException
                        ? new SharedLedgerRefused(cause)
                        : new IllegalStateException(
                                "ledger window " + windows.get(i).tag() + " failed", cause);
                continue;
            }
            ConsumptionProbe result = probe.join();
            if (result.isConsumed()) {
                remaining[windows.get(i).ordinal()] = result.getRemainingTokens();
            } else {
                waitNanos = Math.max(waitNanos, result.getNanosToWaitForRefill());
            }
        }
        if (failure == null && waitNanos == 0) {
            return Admission.granted(new Reservation(scope, limits, tokens, remaining, now, false));
        }
        for (int i = 0; i < windows.size(); i++) {
            if (remaining[windows.get(i).ordinal()] >= 0) {
                buckets.giveBack(scope, windows.get(i), limits, windows.get(i).cost(tokens));
            }
        }
        if (failure != null) {
            throw failure;
        }
        return Admission.denied(waitNanos);
    }

    @Override
    public Future<Void> settle(Reservation reservation, long actualTokens) {
        long difference = actualTokens - reservation.tokens();
        if (!reservation.limits().limitsTokens() || difference == 0) {
            return Future.succeededFuture();
        }
        List<CompletableFuture<?>> corrections = new ArrayList<>(2);
        for (Window window : Window.all()) {
            if (window.countsTokens() && window.limit(reservation.limits()) > 0) {
                corrections.add(
                        difference > 0
                                ? buckets.take(reservation.scope(), window, reservation.limits(), difference)
                                : buckets.giveBack(reservation.scope(), window, reservation.limits(), -difference));
            }
        }
        return FutureBridge.toVertx(CompletableFuture.allOf(corrections.toArray(CompletableFuture[]::new)))
                .mapEmpty();
    }

    @Override
    public Future<Void> correct(Reservation reservation, long actualTokens, Window window, long providerRemaining) {
        long now = clock.millis();
        buckets.rememberTruth(reservation.scope(), window, window.index(now), providerRemaining);
        long drift = Drift.of(reservation, actualTokens, window, providerRemaining, now);
        if (drift == 0 || window.limit(reservation.limits()) == 0) {
            return Future.succeededFuture();
        }
        LOG.debug("provider reports {} less in {} of {}", drift, window, reservation.scope());
        return FutureBridge.toVertx(
                        buckets.lowerTo(reservation.scope(), window, reservation.limits(), providerRemaining))
                .mapEmpty();
    }

    @Override
    public Future<Void> release(Reservation reservation) {
        List<CompletableFuture<?>> refunds = new ArrayList<>(4);
        for (Window window : Window.all()) {
            if (window.meters(reservation.limits(), reservation.tokens())) {
                refunds.add(buckets.giveBack(
                        reservation.scope(), window, reservation.limits(), window.cost(reservation.tokens())));
            }
        }
        return FutureBridge.toVertx(CompletableFuture.allOf(refunds.toArray(CompletableFuture[]::new)))
                .mapEmpty();
    }

    @Override
    public Future<Void> charge(String scope, Limits limits, Window window, long amount) {
        if (window.limit(limits) == 0 || amount <= 0) {
            return Future.succeededFuture();
        }
        return FutureBridge.toVertx(buckets.take(scope, window, limits, amount)).mapEmpty();
    }

    private static Throwable cause(CompletableFuture<?> failed) {
        try {
            failed.join();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }
}
