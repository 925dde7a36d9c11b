package dev.freeway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.freeway.gateway.api.GatewayError;
import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.cluster.FairShare;
import dev.freeway.gateway.cluster.PenaltyBook;
import dev.freeway.gateway.cluster.hazelcast.HazelcastCluster;
import dev.freeway.gateway.config.ClusterConfig;
import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.LimitsConfig;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.limits.Window;
import dev.freeway.gateway.metrics.GatewayMetrics;
import dev.freeway.gateway.provider.ChatResult;
import dev.freeway.gateway.provider.Provider;
import dev.freeway.gateway.provider.ProviderCall;
import dev.freeway.gateway.provider.ProviderQuota;
import dev.freeway.gateway.provider.ProviderRegistry;
import dev.freeway.gateway.provider.UpstreamStream;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.secrets.ProviderKey;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.NoPenalties;
import dev.freeway.gateway.testing.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A provider counts a request in the minute it arrives in. On the shared ledger (one embedded
 * member, the test's clock), requests admitted at the end of a minute but sent in the next are
 * charged to the next, so the provider never sees more than its limit in a minute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FailoverWindowEdgeTest {
    private static final long RPM = 2;

    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private GatewayMetrics metrics = new GatewayMetrics();
    private final Map<Long, Integer> arrivalsPerMinute = new TreeMap<>();
    private HazelcastCluster cluster;
    private CapacityLedger ledger;
    private long claimDelayMillis;
    private int modelSeq;

    @BeforeAll
    void start() {
        cluster = HazelcastCluster.start(ClusterConfig.single("freeway-window-edge-test", 5811));
        ledger = cluster.ledger(clock);
    }

    @AfterAll
    void stop() {
        cluster.close();
        vertx.close();
    }

    @AfterEach
    void forget() {
        metrics.close();
        metrics = new GatewayMetrics();
        arrivalsPerMinute.clear();
        claimDelayMillis = 0;
        modelSeq++;
    }

    private final Provider provider = new Provider() {
        @Override
        public Future<ChatResult> chat(ProviderCall call) {
            arrivalsPerMinute.merge(Window.REQUESTS_MINUTE.index(clock.millis()), 1, Integer::sum);
            return Future.succeededFuture(new ChatResult(Buffer.buffer("{}"), Usage.UNKNOWN, ProviderQuota.NONE));
        }

        @Override
        public Future<UpstreamStream> stream(ProviderCall call) {
            return Future.failedFuture("not used");
        }
    };

    /** Grants every claim, but only after the test's delay: a slow member between admission and call. */
    private final FairShare slowFairShare = (window, team, weight, limit) -> {
        clock.advance(Duration.ofMillis(claimDelayMillis));
        return Future.succeededFuture(true);
    };

    @Test
    void a_request_held_up_past_the_minute_is_charged_to_the_minute_it_reaches_the_provider() throws Exception {
        clock.set(Instant.parse("2026-11-23T10:00:59.990Z"));
        claimDelayMillis = 20;
        Failover failover = failover(0);

        for (int i = 0; i < RPM; i++) {
            send(failover);
        }
        GatewayError refused = refusal(failover);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(arrivalsPerMinute)
                .as("calls the provider received per minute")
                .containsExactly(Map.entry(Window.REQUESTS_MINUTE.index(clock.millis()), (int) RPM));
        assertThat(metrics.scrape()).contains("freeway_window_edge_readmissions_total 1.0");
    }

    @Test
    void a_call_in_the_last_moment_of_a_minute_waits_for_the_next() throws Exception {
        clock.set(Instant.parse("2026-11-23T10:02:59.950Z"));
        Failover failover = failover(100);

        send(failover);

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-23T10:03:00Z"));
        for (int i = 1; i < RPM; i++) {
            send(failover);
        }
        assertThat(refusal(failover).status()).isEqualTo(429);
        assertThat(arrivalsPerMinute)
                .containsExactly(Map.entry(Window.REQUESTS_MINUTE.index(clock.millis()), (int) RPM));
        assertThat(metrics.scrape())
                .contains("freeway_window_edge_holds_total 1.0")
                .contains("freeway_window_edge_readmissions_total 0.0");
    }

    private Failover failover(long guardMillis) {
        ProviderRegistry registry = ProviderRegistry.build(
                Map.of(
                        "p",
                        TestConfigs.bareProvider(
                                "fake", "http://127.0.0.1:1", List.of(KeyConfig.of("key-0000000001")), null)),
                Map.of("fake", (id, config) -> provider));
        WindowEdge edge = new WindowEdge(guardMillis, millis -> {
            clock.advance(Duration.ofMillis(millis));
            return Future.succeededFuture();
        });
        return new Failover(ledger, NO_PENALTIES, registry, clock, 20, 45_000, 1_000, slowFairShare, metrics, edge);
    }

    private void send(Failover failover) throws Exception {
        call(failover).get(5, TimeUnit.SECONDS);
    }

    private GatewayError refusal(Failover failover) {
        ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> send(failover));
        return (GatewayError) e.getCause();
    }

    private CompletableFuture<Served<ChatResult>> call(Failover failover) {
        ModelConfig model = new ModelConfig(
                "m" + modelSeq,
                "p",
                null,
                50,
                1000,
                new LimitsConfig(RPM, null, null, null),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        Candidate candidate = Candidate.of("p", model, ProviderKey.of("key-0000000001"));
        ChatRequest request = new ChatRequest(
                JsonNodeFactory.instance.objectNode(), "auto", false, false, 10, 0, false, false, false, null, false);
        CompletableFuture<Served<ChatResult>> result = new CompletableFuture<>();
        vertx.runOnContext(v -> failover.run(List.of(candidate), request, TeamRules.open("alpha"), (p, c) -> p.chat(c))
                .onComplete(done -> {
                    if (done.succeeded()) {
                        result.complete(done.result());
                    } else {
                        result.completeExceptionally(done.cause());
                    }
                }));
        return result;
    }

    private static final PenaltyBook NO_PENALTIES = new NoPenalties();
}
