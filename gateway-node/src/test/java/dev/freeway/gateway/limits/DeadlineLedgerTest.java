package dev.freeway.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.freeway.gateway.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** A shared ledger that stalls, fails or refuses never holds a request past the deadline or overshoots. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeadlineLedgerTest {
    private static final Limits SIX_PER_MINUTE = new Limits(6, 0, 0, 0);

    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:10Z");
    private final ScriptedShared shared = new ScriptedShared();
    private volatile boolean migrating;
    private final DeadlineLedger ledger =
            new DeadlineLedger(shared, new LocalShareLedger(clock, () -> 3), clock, 100, () -> true, () -> migrating);

    @AfterEach
    void close() {
        vertx.close();
    }

    private Admission reserve(String scope) throws Exception {
        CompletableFuture<Admission> result = new CompletableFuture<>();
        vertx.runOnContext(v -> ledger.reserve(scope, SIX_PER_MINUTE, 0).onComplete(done -> {
            if (done.succeeded()) {
                result.complete(done.result());
            } else {
                result.completeExceptionally(done.cause());
            }
        }));
        return result.get(5, TimeUnit.SECONDS);
    }

    /** Gives the node a view of scope s from the previous minute, so this minute's share is a full third. */
    private void seenLastMinute() throws Exception {
        shared.mode = Mode.GRANT;
        shared.remainingAfterGrant = 6;
        clock.advance(Duration.ofMinutes(-1));
        assertThat(reserve("s").isGranted()).isTrue();
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void a_stalled_shared_ledger_falls_back_to_this_nodes_share_after_the_deadline() throws Exception {
        seenLastMinute();
        shared.mode = Mode.STALL;
        long started = System.nanoTime();
        assertThat(reserve("s").isGranted()).isTrue();
        assertThat(reserve("s").isGranted()).isTrue();
        Admission third = reserve("s");

        assertThat(third.isGranted()).as("a third of a fresh 6 per minute is 2").isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(3 * 1_000);
        assertThat(ledger.fallbacks()).isEqualTo(3);
    }

    @Test
    void a_window_the_shared_ledger_refused_since_its_last_grant_admits_nothing_locally() throws Exception {
        shared.mode = Mode.GRANT;
        shared.remainingAfterGrant = 5;
        assertThat(reserve("s").isGranted())
                .as("5 left, as far as this node saw")
                .isTrue();
        shared.mode = Mode.DENY;
        assertThat(reserve("s").isGranted()).as("the others took the rest").isFalse();
        shared.mode = Mode.STALL;

        Admission stalled = reserve("s");
        assertThat(stalled.isGranted())
                .as("not a local share of the 5 that are gone")
                .isFalse();
        assertThat(ledger.fallbacks()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(20));
        assertThat(reserve("s").isGranted())
                .as("the refusal's retry time has passed")
                .isTrue();
    }

    @Test
    void while_partitions_migrate_the_shared_answer_is_awaited_past_the_usual_deadline() throws Exception {
        seenLastMinute();
        migrating = true;
        shared.mode = Mode.STALL;
        // The move ends 300 ms in, three times the usual deadline: the shared grant still decides.
        vertx.setTimer(
                300,
                id -> shared.stalled.get(0).complete(Admission.granted(Reservation.unmetered("s", SIX_PER_MINUTE, 0))));

        Admission admission = reserve("s");

        assertThat(admission.isGranted()).isTrue();
        assertThat(admission.reservation().local()).isFalse();
        assertThat(ledger.fallbacks()).isZero();
    }

    @Test
    void a_scope_this_node_never_saw_from_the_shared_ledger_admits_nothing_blind() throws Exception {
        shared.mode = Mode.STALL;

        assertThat(reserve("s").isGranted()).isFalse();
        assertThat(ledger.fallbacks()).isEqualTo(1);
    }

    @Test
    void the_local_share_starts_from_what_the_shared_ledger_last_showed_left() throws Exception {
        shared.mode = Mode.GRANT;
        shared.remainingAfterGrant = 3;
        assertThat(reserve("s").isGranted()).isTrue();
        shared.mode = Mode.STALL;

        assertThat(reserve("s").isGranted()).as("3 left / 3 nodes = 1").isTrue();
        assertThat(reserve("s").isGranted()).isFalse();
    }

    @Test
    void a_late_shared_grant_counts_the_local_admission_and_leaves_no_debt() throws Exception {
        seenLastMinute();
        shared.mode = Mode.STALL;
        assertThat(reserve("s").isGranted()).isTrue();
        shared.stalled.get(0).complete(Admission.granted(Reservation.unmetered("s", SIX_PER_MINUTE, 0)));
        shared.mode = Mode.GRANT;
        reserve("s");

        assertThat(shared.released).isEmpty();
        assertThat(shared.charged).isEmpty();
    }

    @Test
    void a_late_shared_grant_for_a_request_refused_locally_is_given_back() throws Exception {
        seenLastMinute();
        shared.mode = Mode.STALL;
        reserve("s");
        reserve("s");
        assertThat(reserve("s").isGranted()).isFalse();
        shared.stalled.get(2).complete(Admission.granted(Reservation.unmetered("s", SIX_PER_MINUTE, 0)));

        assertThat(shared.released).hasSize(1);
    }

    @Test
    void a_late_shared_denial_charges_the_local_admission_and_empties_the_local_share() throws Exception {
        seenLastMinute();
        shared.mode = Mode.STALL;
        assertThat(reserve("s").isGranted()).isTrue();
        shared.stalled.get(0).complete(Admission.denied(1));

        assertThat(shared.charged).containsExactly("rm@s=1");
        assertThat(reserve("s").isGranted()).as("the local share is empty too").isFalse();
    }

    @Test
    void local_admissions_the_shared_ledger_never_answered_are_charged_when_it_answers_again() throws Exception {
        seenLastMinute();
        shared.mode = Mode.STALL;
        reserve("s");
        reserve("s");
        shared.stalled.forEach(promise -> promise.fail("member gone"));
        shared.mode = Mode.GRANT;
        reserve("s");

        assertThat(shared.charged).containsExactly("rm@s=2");
    }

    @Test
    void an_error_from_the_shared_ledger_is_not_covered_by_a_local_share() {
        shared.mode = Mode.FAIL;

        assertThatThrownBy(() -> reserve("s")).hasRootCauseMessage("owner gone");
        assertThat(ledger.fallbacks()).isZero();
    }

    @Test
    void on_the_minority_side_nothing_is_admitted() throws Exception {
        shared.mode = Mode.REFUSE;
        Admission admission = reserve("s");

        assertThat(admission.isGranted()).isFalse();
        assertThat(ledger.fallbacks()).isZero();
    }

    private enum Mode {
        GRANT,
        DENY,
        STALL,
        FAIL,
        REFUSE
    }

    private final class ScriptedShared implements CapacityLedger {
        Mode mode = Mode.GRANT;
        long remainingAfterGrant = 5;
        final List<Promise<Admission>> stalled = new ArrayList<>();
        final List<Reservation> released = new ArrayList<>();
        final List<String> charged = new ArrayList<>();

        @Override
        public Future<Admission> reserve(String scope, Limits limits, long tokens) {
            return switch (mode) {
                case GRANT -> {
                    long[] remaining = Reservation.unknown();
                    remaining[Window.REQUESTS_MINUTE.ordinal()] = remainingAfterGrant;
                    yield Future.succeededFuture(Admission.granted(
                            new Reservation(scope, limits, tokens, remaining, clock.millis(), false)));
                }
                case DENY -> Future.succeededFuture(Admission.denied(TimeUnit.SECONDS.toNanos(20)));
                case STALL -> {
                    Promise<Admission> promise = Promise.promise();
                    stalled.add(promise);
                    yield promise.future();
                }
                case FAIL -> Future.failedFuture("owner gone");
                case REFUSE -> Future.failedFuture(new SharedLedgerRefused(null));
            };
        }

        @Override
        public Future<Void> settle(Reservation reservation, long actualTokens) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> correct(Reservation reservation, long actualTokens, Window window, long remaining) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> release(Reservation reservation) {
            released.add(reservation);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> charge(String scope, Limits limits, Window window, long amount) {
            charged.add(window.tag() + "@" + scope + "=" + amount);
            return Future.succeededFuture();
        }
    }
}
