package dev.freeway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.cluster.hazelcast.HazelcastCluster;
import dev.freeway.gateway.config.ClusterConfig;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.limits.Admission;
import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.limits.LimitScope;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.limits.Reservation;
import dev.freeway.gateway.limits.Window;
import dev.freeway.gateway.secrets.ProviderKey;
import dev.freeway.gateway.testing.MutableClock;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * All-or-nothing admission across a candidate's scopes, on the real ledger (one embedded Hazelcast
 * member) behind a recorder that can make one scope fail and waits for the releases it saw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScopedAdmissionTest {
    private static final AtomicInteger KEYS = new AtomicInteger();
    private static final Limits TWO_PER_MINUTE = new Limits(2, 0, 0, 0);

    /** Half a minute into a minute: a full per-minute window refills in 30 s. */
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:30Z");

    private HazelcastCluster cluster;
    private CapacityLedger real;

    @BeforeAll
    void start() {
        cluster = HazelcastCluster.start(ClusterConfig.single("freeway-scoped-admission-test", 5871));
        real = cluster.ledger(clock);
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    /** Delegates to the real ledger; fails the scopes named in {@code failing}; keeps every release. */
    private static final class RecordingLedger implements CapacityLedger {
        private final CapacityLedger delegate;
        private final Set<String> failing = new HashSet<>();
        final List<String> reserved = new CopyOnWriteArrayList<>();
        final List<Reservation> released = new CopyOnWriteArrayList<>();
        private final List<Future<Void>> releases = new CopyOnWriteArrayList<>();

        RecordingLedger(CapacityLedger delegate) {
            this.delegate = delegate;
        }

        RecordingLedger failing(String scope) {
            failing.add(scope);
            return this;
        }

        @Override
        public Future<Admission> reserve(String scope, Limits limits, long tokens) {
            reserved.add(scope);
            if (failing.contains(scope)) {
                return Future.failedFuture(new IllegalStateException("member gone"));
            }
            return delegate.reserve(scope, limits, tokens);
        }

        @Override
        public Future<Void> release(Reservation reservation) {
            released.add(reservation);
            Future<Void> release = delegate.release(reservation);
            releases.add(release);
            return release;
        }

        @Override
        public Future<Void> settle(Reservation reservation, long actualTokens) {
            return delegate.settle(reservation, actualTokens);
        }

        @Override
        public Future<Void> correct(Reservation reservation, long actualTokens, Window window, long remaining) {
            return delegate.correct(reservation, actualTokens, window, remaining);
        }

        @Override
        public Future<Void> charge(String scope, Limits limits, Window window, long amount) {
            return delegate.charge(scope, limits, window, amount);
        }

        /** Every release seen so far has reached the ledger. */
        void awaitReleases() {
            releases.forEach(ScopedAdmissionTest::await);
        }
    }

    /** A candidate with a fresh key, so every test draws on scopes of its own. */
    private static Candidate candidate(Limits own, Limits... shared) {
        ProviderKey key = ProviderKey.of("key-scoped-" + KEYS.incrementAndGet());
        String holder = "p#" + key.fingerprint();
        List<LimitScope> pools = new ArrayList<>();
        for (int i = 0; i < shared.length; i++) {
            pools.add(new LimitScope(holder + "/@pool" + i, shared[i]));
        }
        ModelConfig model = new ModelConfig("m", "p", null, 50, 8192, null, null);
        return new Candidate(
                "p",
                model,
                key,
                own,
                "p/m",
                holder + "/m",
                "p#" + key.fingerprint(),
                pools,
                List.of(),
                0,
                ZoneOffset.UTC);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable failureOf(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the future to fail");
    }

    /** What the real ledger has left in the scope's minute window, read by taking one more request. */
    private long remainingPerMinute(String scope, Limits limits) {
        Admission probe = await(real.reserve(scope, limits, 0));
        assertThat(probe.isGranted()).as("room left in %s", scope).isTrue();
        return probe.reservation().remaining(Window.REQUESTS_MINUTE) + 1;
    }

    @Test
    void a_candidate_granted_in_every_scope_holds_one_reservation_per_scope_in_order() {
        Candidate candidate = candidate(TWO_PER_MINUTE, TWO_PER_MINUTE, new Limits(0, 100, 0, 0));
        RecordingLedger ledger = new RecordingLedger(real);

        ScopedAdmission.Outcome outcome = await(ScopedAdmission.reserve(ledger, candidate, 0));

        assertThat(outcome.retryAfterNanos()).isZero();
        assertThat(outcome.admitted().reservations())
                .extracting(Reservation::scope)
                .containsExactly(
                        candidate.scope(),
                        candidate.shared().get(0).scope(),
                        candidate.shared().get(1).scope());
        assertThat(outcome.admitted().own().scope()).isEqualTo(candidate.scope());
        assertThat(ledger.released).isEmpty();
        assertThat(remainingPerMinute(candidate.scope(), TWO_PER_MINUTE))
                .as("the own scope holds the admission")
                .isEqualTo(1);
    }

    @Test
    void a_candidate_without_shared_limits_holds_its_own_reservation_only() {
        Candidate candidate = candidate(TWO_PER_MINUTE);

        ScopedAdmission.Outcome outcome = await(ScopedAdmission.reserve(new RecordingLedger(real), candidate, 0));

        assertThat(outcome.admitted().reservations())
                .singleElement()
                .satisfies(r -> assertThat(r.scope()).isEqualTo(candidate.scope()));
    }

    @Test
    void a_denial_in_the_second_scope_gives_back_the_first_and_waits_for_the_denier() {
        Candidate candidate = candidate(TWO_PER_MINUTE, new Limits(1, 0, 0, 0));
        String pool = candidate.shared().get(0).scope();
        assertThat(await(real.reserve(pool, new Limits(1, 0, 0, 0), 0)).isGranted())
                .as("someone else takes the pool's only request")
                .isTrue();
        RecordingLedger ledger = new RecordingLedger(real);

        ScopedAdmission.Outcome outcome = await(ScopedAdmission.reserve(ledger, candidate, 0));
        ledger.awaitReleases();

        assertThat(outcome.admitted()).isNull();
        assertThat(Duration.ofNanos(outcome.retryAfterNanos()))
                .as("the pool refills at the next minute")
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ledger.released).extracting(Reservation::scope).containsExactly(candidate.scope());
        assertThat(remainingPerMinute(candidate.scope(), TWO_PER_MINUTE))
                .as("the own scope is whole again")
                .isEqualTo(2);
    }

    @Test
    void a_denial_in_the_first_scope_asks_no_further_scope() {
        Candidate candidate = candidate(new Limits(1, 0, 0, 0), TWO_PER_MINUTE);
        await(real.reserve(candidate.scope(), new Limits(1, 0, 0, 0), 0));
        RecordingLedger ledger = new RecordingLedger(real);

        ScopedAdmission.Outcome outcome = await(ScopedAdmission.reserve(ledger, candidate, 0));

        assertThat(outcome.admitted()).isNull();
        assertThat(outcome.retryAfterNanos()).isPositive();
        assertThat(ledger.reserved).containsExactly(candidate.scope());
        assertThat(ledger.released).isEmpty();
    }

    @Test
    void a_ledger_failure_in_the_second_scope_gives_back_the_first_and_fails_the_admission() {
        Candidate candidate = candidate(TWO_PER_MINUTE, TWO_PER_MINUTE);
        RecordingLedger ledger =
                new RecordingLedger(real).failing(candidate.shared().get(0).scope());

        Throwable failure = failureOf(ScopedAdmission.reserve(ledger, candidate, 0));
        ledger.awaitReleases();

        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("member gone");
        assertThat(ledger.released).extracting(Reservation::scope).containsExactly(candidate.scope());
        assertThat(remainingPerMinute(candidate.scope(), TWO_PER_MINUTE))
                .as("the own scope is whole again")
                .isEqualTo(2);
    }

    @Test
    void a_denial_in_the_third_scope_gives_back_both_earlier_ones() {
        Limits one = new Limits(1, 0, 0, 0);
        Candidate candidate = candidate(TWO_PER_MINUTE, TWO_PER_MINUTE, one);
        String first = candidate.shared().get(0).scope();
        await(real.reserve(candidate.shared().get(1).scope(), one, 0));
        RecordingLedger ledger = new RecordingLedger(real);

        ScopedAdmission.Outcome outcome = await(ScopedAdmission.reserve(ledger, candidate, 0));
        ledger.awaitReleases();

        assertThat(outcome.admitted()).isNull();
        assertThat(ledger.released).extracting(Reservation::scope).containsExactly(candidate.scope(), first);
        assertThat(remainingPerMinute(candidate.scope(), TWO_PER_MINUTE)).isEqualTo(2);
        assertThat(remainingPerMinute(first, TWO_PER_MINUTE)).isEqualTo(2);
    }
}
