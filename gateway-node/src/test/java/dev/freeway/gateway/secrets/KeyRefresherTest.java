package dev.freeway.gateway.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.metrics.GatewayMetrics;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.Scrape;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeyRefresherTest {
    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final List<KeySnapshot> published = new CopyOnWriteArrayList<>();
    private final ScriptedSource source = new ScriptedSource();
    private KeyRefresher refresher;

    @AfterEach
    void close() {
        if (refresher != null) {
            refresher.close();
        }
        vertx.close();
    }

    /** Answers from a script, one entry per read; repeats the last entry when the script runs out. */
    private static final class ScriptedSource implements KeySource {
        private final Deque<Object> script = new ArrayDeque<>();
        private final AtomicInteger reads = new AtomicInteger();
        private Object last;

        synchronized void then(Object answer) {
            script.add(answer);
        }

        @Override
        public synchronized KeySnapshot fetch() throws KeySourceException {
            reads.incrementAndGet();
            last = script.isEmpty() ? last : script.poll();
            if (last instanceof KeySourceException e) {
                throw e;
            }
            return (KeySnapshot) last;
        }

        @Override
        public String describe() {
            return "scripted";
        }
    }

    private static KeySnapshot snapshot(String version, String... groqKeys) {
        return new KeySnapshot(
                Map.of(
                        "groq",
                        java.util.Arrays.stream(groqKeys).map(KeyConfig::of).toList()),
                version);
    }

    private void start(long intervalMillis) throws Exception {
        refresher = new KeyRefresher(vertx, source, intervalMillis, clock, published::add);
        refresher.start().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_node_that_never_read_its_keys_is_not_ready_and_says_why() throws Exception {
        source.then(new KeySourceException("vault answered HTTP 503 for secret/freeway/providers"));

        start(60_000);

        assertThat(refresher.unreadyReason())
                .isEqualTo(
                        "provider keys not loaded from scripted: vault answered HTTP 503 for secret/freeway/providers");
        assertThat(published).isEmpty();
    }

    @Test
    void the_first_good_read_makes_the_node_ready_and_publishes_the_keys() throws Exception {
        source.then(snapshot("groq@1", "gsk-first-key-0001"));

        start(60_000);

        assertThat(refresher.unreadyReason()).isNull();
        assertThat(refresher.degradedReason()).isNull();
        assertThat(published).containsExactly(snapshot("groq@1", "gsk-first-key-0001"));
    }

    @Test
    void failed_reads_after_a_good_one_keep_the_keys_and_report_degraded_not_unready() throws Exception {
        source.then(snapshot("groq@1", "gsk-first-key-0001"));
        source.then(new KeySourceException("vault timed out"));

        start(200);
        await().atMost(5, TimeUnit.SECONDS).until(() -> refresher.degradedReason() != null);

        assertThat(refresher.unreadyReason()).isNull();
        assertThat(refresher.degradedReason())
                .contains("failed read(s) of scripted")
                .contains("vault timed out")
                .contains("serving the keys of version groq@1");
        assertThat(published).hasSize(1);
    }

    @Test
    void the_metrics_read_the_failed_reads_and_the_degraded_state() throws Exception {
        source.then(snapshot("groq@1", "gsk-first-key-0001"));
        source.then(new KeySourceException("vault timed out"));

        try (GatewayMetrics metrics = new GatewayMetrics()) {
            start(1_000);
            metrics.keySource(refresher);
            assertThat(new Scrape(metrics.scrape()).value("freeway_key_source_degraded"))
                    .isZero();

            await().atMost(5, TimeUnit.SECONDS).until(() -> refresher.degradedReason() != null);

            Scrape scrape = new Scrape(metrics.scrape());
            assertThat(scrape.value("freeway_key_source_degraded")).isEqualTo(1);
            assertThat(scrape.value("freeway_key_refresh_failures_total")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void a_failure_is_retried_with_backoff_until_the_store_answers_again() throws Exception {
        source.then(new KeySourceException("down"));
        source.then(new KeySourceException("down"));
        source.then(snapshot("groq@2", "gsk-second-key-002"));

        start(300);
        await().atMost(5, TimeUnit.SECONDS).until(() -> refresher.unreadyReason() == null);

        assertThat(source.reads.get()).isGreaterThanOrEqualTo(3);
        assertThat(refresher.totalFailures()).isEqualTo(2);
        assertThat(published).containsExactly(snapshot("groq@2", "gsk-second-key-002"));
    }

    @Test
    void an_unchanged_key_set_is_not_published_again_and_a_rotation_is() throws Exception {
        source.then(snapshot("groq@1", "gsk-first-key-0001"));
        source.then(snapshot("groq@1", "gsk-first-key-0001"));
        source.then(snapshot("groq@2", "gsk-rotated-key-02"));

        start(100);
        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 2);

        assertThat(published)
                .containsExactly(snapshot("groq@1", "gsk-first-key-0001"), snapshot("groq@2", "gsk-rotated-key-02"));
    }
}
