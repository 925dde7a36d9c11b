package dev.freeway.gateway.routing;

import dev.freeway.gateway.api.GatewayError;
import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.cluster.FairShare;
import dev.freeway.gateway.cluster.PenaltyBook;
import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.limits.LimitScope;
import dev.freeway.gateway.limits.Window;
import dev.freeway.gateway.metrics.GatewayMetrics;
import dev.freeway.gateway.metrics.UpstreamOutcome;
import dev.freeway.gateway.provider.ProviderCall;
import dev.freeway.gateway.provider.ProviderRegistry;
import dev.freeway.gateway.provider.UpstreamFailure;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the ordered candidates until one serves: skip benched keys and scopes without capacity
 * (without calling them), reserve, dispatch, and on a retryable failure penalise and move on. Stops
 * at {@code maxAttempts} failed calls or when the time budget is spent.
 */
public final class Failover {
    private static final Logger LOG = LoggerFactory.getLogger(Failover.class);

    private final CapacityLedger ledger;
    private final PenaltyBook penalties;
    private final ProviderRegistry providers;
    private final Clock clock;
    private final int maxAttempts;
    private final long budgetNanos;
    private final long clusterDeadlineMillis;
    private final FairShare fairShare;
    private final GatewayMetrics metrics;
    private final WindowEdge edge;

    /**
     * @param fairShare shares scarce windows between teams; null when there is one team or none
     * @param edge keeps each call in the provider window it was charged to
     */
    public Failover(
            CapacityLedger ledger,
            PenaltyBook penalties,
            ProviderRegistry providers,
            Clock clock,
            int maxAttempts,
            long budgetMillis,
            long clusterDeadlineMillis,
            FairShare fairShare,
            GatewayMetrics metrics,
            WindowEdge edge) {
        this.edge = edge;
        this.fairShare = fairShare;
        this.metrics = metrics;
        this.ledger = ledger;
        this.penalties = penalties;
        this.providers = providers;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.budgetNanos = TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        this.clusterDeadlineMillis = clusterDeadlineMillis;
    }

    public <T> Future<Served<T>> run(List<Candidate> candidates, ChatRequest request, Dispatch<T> dispatch) {
        return run(candidates, request, null, dispatch);
    }

    /** @param team whose share of scarce windows the request draws on; null = no sharing */
    public <T> Future<Served<T>> run(
            List<Candidate> candidates, ChatRequest request, TeamRules team, Dispatch<T> dispatch) {
        return new Walk<>(candidates, request, team, dispatch).next(0);
    }

    private final class Walk<T> {
        private final List<Candidate> candidates;
        private final ChatRequest request;
        private final Dispatch<T> dispatch;
        private final TeamRules team;
        private final long started = System.nanoTime();
        private int failures;
        private int ledgerFaults;
        private UpstreamFailure lastFailure;
        private long shortestWaitNanos = Long.MAX_VALUE;

        Walk(List<Candidate> candidates, ChatRequest request, TeamRules team, Dispatch<T> dispatch) {
            this.team = team;
            this.candidates = candidates;
            this.request = request;
            this.dispatch = dispatch;
        }

        Future<Served<T>> next(int index) {
            if (index >= candidates.size() || failures >= maxAttempts || System.nanoTime() - started > budgetNanos) {
                return Future.failedFuture(exhausted());
            }
            Candidate candidate = candidates.get(index);
            long benchedForMillis = benchedUntil(candidate) - clock.millis();
            if (benchedForMillis > 0) {
                noteWait(TimeUnit.MILLISECONDS.toNanos(benchedForMillis));
                return next(index + 1);
            }
            long tokens = request.reservedTokens(candidate);
            long holdMillis = edge.holdBeforeAdmissionMillis(candidate, tokens, clock.millis());
            if (holdMillis >= 0) {
                metrics.windowEdgeHold();
                return edge.pause(holdMillis).compose(ignored -> admit(index, candidate, tokens));
            }
            return admit(index, candidate, tokens);
        }

        private Future<Served<T>> admit(int index, Candidate candidate, long tokens) {
            return ScopedAdmission.reserve(ledger, candidate, tokens).transform(reserved -> {
                if (reserved.failed()) {
                    return skipUnknowable(index, reserved.cause());
                }
                ScopedAdmission.Outcome outcome = reserved.result();
                if (outcome.admitted() == null) {
                    noteWait(outcome.retryAfterNanos());
                    return next(index + 1);
                }
                return shared(index, candidate, outcome.admitted());
            });
        }

        /**
         * Where several teams share a window that limits requests, the team must also be within
         * its share of this minute; over it, the capacity goes back and the next candidate is tried.
         * A claim that does not answer in time lets the request through: the ledger already
         * guards the provider.
         */
        private Future<Served<T>> shared(int index, Candidate candidate, Admitted admitted) {
            if (fairShare == null || team == null || candidate.limits().rpm() <= 0) {
                return attempt(index, candidate, admitted);
            }
            long now = clock.millis();
            String window = candidate.scope() + "|" + Window.REQUESTS_MINUTE.index(now);
            return fairShare
                    .claim(
                            window,
                            team.name(),
                            team.weight(),
                            candidate.limits().rpm())
                    .timeout(clusterDeadlineMillis, TimeUnit.MILLISECONDS)
                    .transform(claim -> {
                        if (claim.succeeded() && !claim.result()) {
                            admitted.release(ledger);
                            noteWait(TimeUnit.MILLISECONDS.toNanos(Window.REQUESTS_MINUTE.endMillis(now) - now));
                            return next(index + 1);
                        }
                        return attempt(index, candidate, admitted);
                    });
        }

        /** The latest bench over the key itself and every scope the candidate draws on. */
        private long benchedUntil(Candidate candidate) {
            long until = penalties.benchedUntilMillis(candidate.keySubject());
            until = Math.max(until, penalties.benchedUntilMillis(candidate.scope()));
            for (LimitScope scope : candidate.shared()) {
                until = Math.max(until, penalties.benchedUntilMillis(scope.scope()));
            }
            return until;
        }

        /** The ledger failed: this candidate's capacity is unknown, so it is not called (that could earn a 429). */
        private Future<Served<T>> skipUnknowable(int index, Throwable cause) {
            ledgerFaults++;
            LOG.warn(
                    "capacity ledger unavailable for {}: {}",
                    candidates.get(index).target(),
                    cause.toString());
            return next(index + 1);
        }

        private Future<Served<T>> attempt(int index, Candidate candidate, Admitted admitted) {
            long readmitAfter = edge.readmitAfterMillis(admitted, clock.millis());
            if (readmitAfter >= 0) {
                metrics.windowEdgeReadmission();
                return edge.pause(readmitAfter).compose(ignored -> next(index));
            }
            ProviderCall call =
                    new ProviderCall(request.body(), candidate.model(), candidate.key(), request.includeUsage());
            return dispatch.call(providers.get(candidate.provider()), call).transform(outcome -> {
                if (outcome.succeeded()) {
                    metrics.upstreamAttempt(candidate.provider(), UpstreamOutcome.OK);
                    penalties.success(candidate.target(), candidate.scope());
                    return Future.succeededFuture(new Served<>(candidate, outcome.result(), admitted, failures, null));
                }
                UpstreamFailure failure = outcome.cause() instanceof UpstreamFailure f
                        ? f
                        : UpstreamFailure.of(
                                UpstreamFailure.Kind.CONNECTION, outcome.cause().toString());
                metrics.upstreamAttempt(candidate.provider(), outcomeOf(failure));
                admitted.refundTokens(ledger);
                ProviderTruth.apply(ledger, admitted.own(), -1, failure.quota());
                if (!failure.retryable()) {
                    return Future.failedFuture(failure);
                }
                failures++;
                lastFailure = failure;
                LOG.debug("attempt on {} failed: {}", candidate.target(), failure.getMessage());
                Benching bench = Benching.of(candidate, failure, clock.millis());
                return penalties
                        .failure(candidate.target(), bench.subject(), bench.reason(), bench.retryAfterMillis())
                        .timeout(clusterDeadlineMillis, TimeUnit.MILLISECONDS)
                        .transform(ignored -> next(index + 1));
            });
        }

        private void noteWait(long nanos) {
            shortestWaitNanos = Math.min(shortestWaitNanos, nanos);
        }

        private GatewayError exhausted() {
            if (lastFailure == null && shortestWaitNanos == Long.MAX_VALUE && ledgerFaults > 0) {
                return new GatewayError(
                        503,
                        "server_error",
                        "capacity_ledger_unavailable",
                        null,
                        "The gateway cannot check provider capacity right now; retry shortly.",
                        1);
            }
            if (lastFailure == null) {
                long seconds = shortestWaitNanos == Long.MAX_VALUE
                        ? 60
                        : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(shortestWaitNanos + 999_999_999L));
                return GatewayError.poolExhausted(seconds);
            }
            boolean timedOut = lastFailure.kind() == UpstreamFailure.Kind.TIMEOUT;
            return new GatewayError(
                    timedOut ? 504 : 502,
                    "server_error",
                    timedOut ? "upstream_timeout" : "upstream_error",
                    null,
                    failures + " upstream attempt(s) failed; the last: " + lastFailure.getMessage() + ".",
                    0);
        }
    }

    private static UpstreamOutcome outcomeOf(UpstreamFailure failure) {
        if (!failure.retryable()) {
            return UpstreamOutcome.REJECTED;
        }
        return failure.kind() == UpstreamFailure.Kind.RATE_LIMITED
                ? UpstreamOutcome.RATE_LIMITED
                : UpstreamOutcome.FAILED;
    }
}
