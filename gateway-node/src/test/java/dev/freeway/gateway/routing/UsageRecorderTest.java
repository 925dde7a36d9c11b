package dev.freeway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.cluster.UsageTotals;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.testing.MutableClock;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UsageRecorderTest {
    private final MutableClock clock = MutableClock.at("2026-11-23T23:59:59Z");
    private final Map<String, UsageTotals> stored = new HashMap<>();
    private boolean failing;
    private int calls;

    private final UsageMeter meter = new UsageMeter() {
        @Override
        public Future<Void> add(String day, String scope, UsageTotals delta) {
            calls++;
            if (failing) {
                return Future.failedFuture("member gone");
            }
            stored.merge(day + "|" + scope, delta, UsageTotals::plus);
            return Future.succeededFuture();
        }
    };

    private final UsageRecorder recorder = new UsageRecorder(meter, clock);

    @Test
    void requests_of_one_scope_reach_the_cluster_as_one_addition_per_flush() {
        recorder.record("groq#k/llama", new Usage(10, 5));
        recorder.record("groq#k/llama", new Usage(20, 7));
        recorder.record("groq#k/llama", Usage.UNKNOWN);
        recorder.flush();

        assertThat(calls).isEqualTo(1);
        assertThat(stored).containsEntry("2026-11-23|groq#k/llama", new UsageTotals(3, 30, 12));
    }

    @Test
    void usage_counts_on_the_utc_day_it_happened() {
        recorder.record("s", new Usage(1, 1));
        clock.advance(Duration.ofSeconds(2));
        recorder.record("s", new Usage(2, 2));
        recorder.flush();

        assertThat(stored)
                .containsEntry("2026-11-23|s", new UsageTotals(1, 1, 1))
                .containsEntry("2026-11-24|s", new UsageTotals(1, 2, 2));
    }

    @Test
    void a_failed_flush_keeps_the_counts_for_the_next_one() {
        recorder.record("s", new Usage(4, 4));
        failing = true;
        recorder.flush();
        failing = false;
        recorder.flush();

        assertThat(stored).containsEntry("2026-11-23|s", new UsageTotals(1, 4, 4));
    }

    @Test
    void nothing_counted_means_nothing_sent() {
        recorder.flush();

        assertThat(calls).isZero();
    }
}
