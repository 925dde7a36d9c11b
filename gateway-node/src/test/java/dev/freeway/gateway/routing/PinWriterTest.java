package dev.freeway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.cluster.StickySessions;
import dev.freeway.gateway.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PinWriterTest {
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final List<Promise<Void>> writes = new ArrayList<>();
    private final List<String> written = new ArrayList<>();
    private final StickySessions sticky = new StickySessions() {
        @Override
        public Future<Optional<String>> lookup(String sessionHash) {
            return Future.succeededFuture(Optional.empty());
        }

        @Override
        public Future<Void> pin(String sessionHash, String target) {
            Promise<Void> write = Promise.promise();
            writes.add(write);
            written.add(sessionHash + "->" + target);
            return write.future();
        }
    };
    private final PinWriter pins = new PinWriter(sticky, clock, 1_800_000);

    @Test
    void the_same_pin_is_written_once_per_half_ttl() {
        pins.pin("s1", "a/m");
        writes.forEach(Promise::complete);
        pins.pin("s1", "a/m");
        clock.advance(Duration.ofMinutes(14));
        pins.pin("s1", "a/m");
        assertThat(written).containsExactly("s1->a/m");

        clock.advance(Duration.ofMinutes(2));
        pins.pin("s1", "a/m");
        assertThat(written).hasSize(2);
    }

    @Test
    void a_new_target_is_written_at_once() {
        pins.pin("s1", "a/m");
        pins.pin("s1", "b/m");
        assertThat(written).containsExactly("s1->a/m", "s1->b/m");
    }

    @Test
    void pins_are_dropped_not_queued_while_256_writes_are_unanswered() {
        for (int i = 0; i < 300; i++) {
            pins.pin("s" + i, "a/m");
        }
        assertThat(written).hasSize(256);

        writes.forEach(Promise::complete);
        pins.pin("late", "a/m");
        assertThat(written).hasSize(257).last().isEqualTo("late->a/m");
    }

    @Test
    void a_failed_write_is_retried_next_time() {
        pins.pin("s1", "a/m");
        writes.get(0).fail("cluster down");
        pins.pin("s1", "a/m");
        assertThat(written).hasSize(2);
    }
}
