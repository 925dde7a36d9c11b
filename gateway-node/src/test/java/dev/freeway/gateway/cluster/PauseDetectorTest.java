package dev.freeway.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PauseDetectorTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void a_running_node_is_trusted() {
        assertThat(PauseDetector.start(vertx).trusted()).isTrue();
    }

    @Test
    void a_tick_that_comes_seconds_late_distrusts_the_node_for_five_seconds() {
        PauseDetector detector = PauseDetector.start(vertx);
        long now = System.nanoTime();
        detector.tick(now + 20_000_000_000L);

        assertThat(detector.trusted()).isFalse();
    }
}
