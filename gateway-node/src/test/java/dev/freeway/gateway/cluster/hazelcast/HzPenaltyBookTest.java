package dev.freeway.gateway.cluster.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.cluster.PenaltyBook;
import dev.freeway.gateway.cluster.PenaltyReason;
import dev.freeway.gateway.config.ClusterConfig;
import dev.freeway.gateway.testing.MutableClock;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Penalties on a real embedded member: points decay lazily on the injected clock, 429s bench keys. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HzPenaltyBookTest {
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private HazelcastCluster cluster;
    private PenaltyBook book;

    @BeforeAll
    void start() {
        cluster = HazelcastCluster.start(ClusterConfig.single("freeway-penalty-test", 5851));
        book = cluster.penalties(clock, 120_000, 90_000);
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    private static void await(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_429_adds_three_points_that_decay_one_per_two_minutes() {
        await(book.failure("p/decay", "p#k/decay", PenaltyReason.RATE_LIMITED, 0));
        assertThat(book.points("p/decay")).isEqualTo(3.0);
        clock.advance(Duration.ofMinutes(3));
        assertThat(book.points("p/decay")).isEqualTo(1.5);
        clock.advance(Duration.ofMinutes(10));
        assertThat(book.points("p/decay")).isZero();
    }

    @Test
    void a_429_benches_the_key_for_the_cooldown_or_retry_after_whichever_is_longer_doubling_on_repeats() {
        long now = clock.millis();
        await(book.failure("p/bench", "p#k/bench", PenaltyReason.RATE_LIMITED, 5_000));
        assertThat(book.benchedUntilMillis("p#k/bench")).isEqualTo(now + 90_000);
        await(book.failure("p/bench", "p#k/bench", PenaltyReason.RATE_LIMITED, 5_000));
        assertThat(book.benchedUntilMillis("p#k/bench")).isEqualTo(now + 180_000);
        await(book.failure("p/other", "p#k/other", PenaltyReason.RATE_LIMITED, 600_000));
        assertThat(book.benchedUntilMillis("p#k/other")).isEqualTo(now + 600_000);
    }

    @Test
    void other_failures_add_one_point_and_bench_nothing_and_a_success_takes_one_off() {
        await(book.failure("p/fail", "p#k/fail", PenaltyReason.FAILED, 0));
        await(book.failure("p/fail", "p#k/fail", PenaltyReason.FAILED, 0));
        assertThat(book.points("p/fail")).isEqualTo(2.0);
        assertThat(book.benchedUntilMillis("p#k/fail")).isZero();
        await(book.success("p/fail", "p#k/fail"));
        assertThat(book.points("p/fail")).isEqualTo(1.0);
    }

    @Test
    void points_are_capped_at_ten() {
        for (int i = 0; i < 6; i++) {
            await(book.failure("p/cap", "p#k/cap", PenaltyReason.RATE_LIMITED, 0));
        }
        assertThat(book.points("p/cap")).isEqualTo(10.0);
    }

    @Test
    void a_429_naming_its_window_reset_benches_the_key_until_that_reset_only() {
        long now = clock.millis();
        await(book.failure("p/window", "p#k/window", PenaltyReason.WINDOW_EXHAUSTED, 20_000));
        assertThat(book.benchedUntilMillis("p#k/window")).isEqualTo(now + 20_000);
        assertThat(book.points("p/window")).isEqualTo(3.0);
    }
}
