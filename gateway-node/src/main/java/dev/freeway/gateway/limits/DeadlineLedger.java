package dev.freeway.gateway.limits;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared ledger with a deadline. A stalled or lost member must never hold a request for the
 * seconds Hazelcast needs to notice: past the deadline (or on a ledger fault) the node admits from
 * its {@link LocalShareLedger}, and charges those admissions to the shared windows as soon as they
 * answer again. A late shared grant is given back. On the minority side of a split the node admits
 * nothing: the majority keeps the limits.
 */
public final class DeadlineLedger implements CapacityLedger {
    private static final Logger LOG = LoggerFactory.getLogger(DeadlineLedger.class);
    private static final long MINORITY_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final CapacityLedger shared;
    private final LocalShareLedger local;
    private final Clock clock;
    private final long deadlineMillis;
    private final ConcurrentHashMap<String, Reservation> lastShared = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LocalDebt> debts = new ConcurrentHashMap<>();
    private final LongAdder fallbacks = new LongAdder();

    public DeadlineLedger(CapacityLedger shared, LocalShareLedger local, Clock clock, long deadlineMillis) {
        this.shared = shared;
        this.local = local;
        this.clock = clock;
        this.deadlineMillis = deadlineMillis;
    }

    /** Admissions decided from the local share since start. */
    public long fallbacks() {
        return fallbacks.sum();
    }

    @Override
    public Future<Admission> reserve(String scope, Limits limits, long tokens) {
        Future<Admission> pending = shared.reserve(scope, limits, tokens);
        Future<Admission> bounded =
                pending.isComplete() ? pending : pending.timeout(deadlineMillis, TimeUnit.MILLISECONDS);
        return bounded.transform(outcome -> {
            if (outcome.succeeded()) {
                sharedAnswered(scope, limits, outcome.result());
                return Future.succeededFuture(outcome.result());
            }
            if (!pending.isComplete()) {
                pending.onSuccess(late -> {
                    if (late.isGranted()) {
                        shared.release(late.reservation());
                    }
                });
            }
            if (outcome.cause() instanceof SharedLedgerRefused) {
                return Future.succeededFuture(Admission.denied(MINORITY_RETRY_NANOS));
            }
            return Future.succeededFuture(fallBack(scope, limits, tokens, outcome.cause()));
        });
    }

    private Admission fallBack(String scope, Limits limits, long tokens, Throwable cause) {
        fallbacks.increment();
        LOG.debug("shared ledger did not answer for {}: {}", scope, cause.toString());
        Admission admission = local.reserve(scope, limits, tokens, lastShared.get(scope));
        if (admission.isGranted()) {
            debts.computeIfAbsent(scope, s -> new LocalDebt()).add(admission.reservation(), clock.millis());
        }
        return admission;
    }

    private void sharedAnswered(String scope, Limits limits, Admission admission) {
        if (!admission.isGranted()) {
            return;
        }
        lastShared.put(scope, admission.reservation());
        if (debts.isEmpty()) {
            return;
        }
        LocalDebt debt = debts.remove(scope);
        if (debt != null) {
            debt.payTo(shared, scope, limits, clock.millis());
        }
    }

    @Override
    public Future<Void> settle(Reservation reservation, long actualTokens) {
        if (reservation.local()) {
            local.settle(reservation, actualTokens);
            return Future.succeededFuture();
        }
        return shared.settle(reservation, actualTokens);
    }

    @Override
    public Future<Void> correct(Reservation reservation, long actualTokens, Window window, long providerRemaining) {
        return reservation.local()
                ? Future.succeededFuture()
                : shared.correct(reservation, actualTokens, window, providerRemaining);
    }

    @Override
    public Future<Void> release(Reservation reservation) {
        if (reservation.local()) {
            local.release(reservation);
            return Future.succeededFuture();
        }
        return shared.release(reservation);
    }

    @Override
    public Future<Void> charge(String scope, Limits limits, Window window, long amount) {
        return shared.charge(scope, limits, window, amount);
    }
}
