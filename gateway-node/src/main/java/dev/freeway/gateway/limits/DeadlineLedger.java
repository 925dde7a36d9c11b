package dev.freeway.gateway.limits;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared ledger with a deadline. A stalled or lost member must never hold a request for the
 * seconds Hazelcast needs to notice: past the deadline the node admits from
 * its {@link LocalShareLedger}; the shared answer, when it comes late, is reconciled with what the
 * node decided, and admissions the shared ledger never saw are charged to it once it answers again.
 * On the minority side of a split, and for a few seconds after this process was frozen, the node
 * admits nothing: the others keep the limits.
 */
public final class DeadlineLedger implements CapacityLedger {
    private static final Logger LOG = LoggerFactory.getLogger(DeadlineLedger.class);
    private static final long MINORITY_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
    /**
     * The deadline while partitions migrate: a planned move holds operations on the moving
     * partitions for a moment, and a local share taken then would come on top of what the others
     * admit meanwhile; waiting a little longer is exact.
     */
    static final long MIGRATION_DEADLINE_MILLIS = 2_000;

    private final CapacityLedger shared;
    private final LocalShareLedger local;
    private final Clock clock;
    private final long deadlineMillis;
    private final BooleanSupplier trusted;
    private final BooleanSupplier migrating;
    private final ConcurrentHashMap<String, Reservation> lastShared = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LocalDebt> debts = new ConcurrentHashMap<>();
    /** Scopes the shared ledger last refused, until when: their last grant's figures are out of date. */
    private final ConcurrentHashMap<String, Long> refusedUntilMillis = new ConcurrentHashMap<>();

    private final LongAdder fallbacks = new LongAdder();

    /**
     * @param trusted false while this node cannot trust its own cluster view (it was just frozen)
     * @param migrating true while partitions move between members (a join or a leave)
     */
    public DeadlineLedger(
            CapacityLedger shared,
            LocalShareLedger local,
            Clock clock,
            long deadlineMillis,
            BooleanSupplier trusted,
            BooleanSupplier migrating) {
        this.shared = shared;
        this.local = local;
        this.clock = clock;
        this.deadlineMillis = deadlineMillis;
        this.trusted = trusted;
        this.migrating = migrating;
    }

    /** Admissions decided from the local share since start. */
    public long fallbacks() {
        return fallbacks.sum();
    }

    @Override
    public Future<Admission> reserve(String scope, Limits limits, long tokens) {
        if (!trusted.getAsBoolean()) {
            return Future.succeededFuture(Admission.denied(MINORITY_RETRY_NANOS));
        }
        Future<Admission> pending = shared.reserve(scope, limits, tokens);
        Future<Admission> bounded = pending.isComplete()
                ? pending
                : pending.timeout(
                        migrating.getAsBoolean() ? Math.max(deadlineMillis, MIGRATION_DEADLINE_MILLIS) : deadlineMillis,
                        TimeUnit.MILLISECONDS);
        return bounded.transform(outcome -> {
            if (outcome.succeeded()) {
                sharedAnswered(scope, limits, outcome.result());
                return Future.succeededFuture(outcome.result());
            }
            if (outcome.cause() instanceof SharedLedgerRefused) {
                return Future.succeededFuture(Admission.denied(MINORITY_RETRY_NANOS));
            }
            if (!(outcome.cause() instanceof TimeoutException)) {
                // An error rather than silence is this node's own trouble (it was removed from the
                // cluster, or is rejoining) while the others keep the shared limit: admitting from
                // a local share here would come on top of theirs. The candidate is skipped instead.
                return Future.failedFuture(outcome.cause());
            }
            Admission admission = fallBack(scope, limits, tokens, outcome.cause());
            pending.onComplete(late -> reconcile(scope, limits, admission, late));
            return Future.succeededFuture(admission);
        });
    }

    private Admission fallBack(String scope, Limits limits, long tokens, Throwable cause) {
        fallbacks.increment();
        LOG.debug("shared ledger did not answer for {}: {}", scope, cause.toString());
        Long refusedUntil = refusedUntilMillis.get(scope);
        long now = clock.millis();
        if (refusedUntil != null && refusedUntil > now) {
            return Admission.denied(TimeUnit.MILLISECONDS.toNanos(refusedUntil - now));
        }
        return local.reserve(scope, limits, tokens, lastShared.get(scope));
    }

    /**
     * The shared answer came after the deadline. A grant already counts the request there: keep it
     * if the node admitted locally, give it back if not. A denial means the shared window was out,
     * so the local admission was one too many: it is charged past the limit and this node's share
     * of the window is emptied. No answer at all leaves a debt for when the shared ledger returns.
     */
    private void reconcile(String scope, Limits limits, Admission local, AsyncResult<Admission> late) {
        if (late.failed()) {
            owe(scope, local);
            return;
        }
        Admission shared = late.result();
        if (shared.isGranted() && !local.isGranted()) {
            this.shared.release(shared.reservation());
        } else if (!shared.isGranted() && local.isGranted()) {
            for (Window window : Window.all()) {
                long tokens = local.reservation().tokens();
                if (window.meters(limits, tokens)) {
                    this.shared.charge(scope, limits, window, window.cost(tokens));
                }
            }
            this.local.empty(scope);
        }
    }

    private void owe(String scope, Admission admission) {
        if (admission.isGranted()) {
            debts.computeIfAbsent(scope, s -> new LocalDebt()).add(admission.reservation(), clock.millis());
        }
    }

    private void sharedAnswered(String scope, Limits limits, Admission admission) {
        if (!admission.isGranted()) {
            // The window ran out after the last grant this node saw, whose figures would
            // otherwise still offer a local share of what is no longer there.
            refusedUntilMillis.put(scope, clock.millis() + TimeUnit.NANOSECONDS.toMillis(admission.retryAfterNanos()));
            return;
        }
        if (!refusedUntilMillis.isEmpty()) {
            refusedUntilMillis.remove(scope);
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
