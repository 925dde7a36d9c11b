package dev.freeway.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The lame duck's length, with short bounds (min 200, quiet 200, max 1,000 ms) and real timers. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LameDuckTest {
    private final Vertx vertx = Vertx.vertx();
    private final AtomicLong arrivals = new AtomicLong();

    @AfterEach
    void close() {
        vertx.close();
    }

    private long millisToEnd() throws Exception {
        long start = System.nanoTime();
        LameDuck.serve(vertx, arrivals::get, 200, 200, 1_000)
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void with_no_traffic_it_ends_after_the_minimum_plus_at_most_one_check() throws Exception {
        assertThat(millisToEnd()).isBetween(200L, 900L);
    }

    @Test
    void traffic_keeps_it_going_until_a_quiet_spell() throws Exception {
        long stop = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        vertx.setPeriodic(20, id -> {
            if (System.nanoTime() < stop) {
                arrivals.incrementAndGet();
            }
        });

        assertThat(millisToEnd())
                .as("last arrival at ~500 ms, then 200 ms quiet")
                .isBetween(650L, 1_200L);
    }

    // Above the maximum only by a late timer: the maximum ends it, not a quiet spell.
    @Test
    void traffic_that_never_stops_ends_it_at_the_maximum() throws Exception {
        vertx.setPeriodic(20, id -> arrivals.incrementAndGet());

        assertThat(millisToEnd()).isBetween(1_000L, 2_000L);
    }
}
