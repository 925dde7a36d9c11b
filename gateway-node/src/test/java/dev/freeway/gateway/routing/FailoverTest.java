package dev.freeway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.freeway.gateway.api.GatewayError;
import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.cluster.PenaltyBook;
import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.limits.Admission;
import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.limits.Reservation;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** What failover does when the capacity ledger itself cannot answer. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FailoverTest {
    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final List<String> called = new ArrayList<>();
    private final GatewayMetrics metrics = new GatewayMetrics();

    @AfterEach
    void close() {
        vertx.close();
        metrics.close();
    }

    private final Provider provider = new Provider() {
        @Override
        public Future<ChatResult> chat(ProviderCall call) {
            called.add(call.upstreamModel());
            return Future.succeededFuture(new ChatResult(Buffer.buffer("{}"), Usage.UNKNOWN, ProviderQuota.NONE));
        }

        @Override
        public Future<UpstreamStream> stream(ProviderCall call) {
            return Future.failedFuture("not used");
        }
    };

    private final PenaltyBook penalties = new NoPenalties();

    /** Fails for scopes of models starting with "broken", grants everything else. */
    private final CapacityLedger ledger = new CapacityLedger() {
        @Override
        public Future<Admission> reserve(String scope, Limits limits, long tokens) {
            if (scope.contains("/broken")) {
                return Future.failedFuture("member gone");
            }
            return Future.succeededFuture(Admission.granted(Reservation.unmetered(scope, limits, tokens)));
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
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> charge(String scope, Limits limits, Window window, long amount) {
            return Future.succeededFuture();
        }
    };

    private static Candidate candidate(String model) {
        ModelConfig config = new ModelConfig(model, "p", null, 50, 1000, null, null);
        return Candidate.of("p", config, ProviderKey.of("key-0000000001"));
    }

    private Served<ChatResult> run(String... models) throws Exception {
        ProviderRegistry registry = ProviderRegistry.build(
                Map.of(
                        "p",
                        TestConfigs.bareProvider(
                                "fake", "http://127.0.0.1:1", List.of(KeyConfig.of("key-0000000001")), null)),
                Map.of("fake", (id, config) -> provider));
        Failover failover = new Failover(
                ledger,
                penalties,
                registry,
                clock,
                20,
                45_000,
                100,
                null,
                metrics,
                new WindowEdge(0, millis -> Future.succeededFuture()));
        ChatRequest request = new ChatRequest(
                JsonNodeFactory.instance.objectNode(), "auto", false, false, 10, 0, false, false, false, null, false);
        List<Candidate> candidates =
                java.util.Arrays.stream(models).map(FailoverTest::candidate).toList();
        CompletableFuture<Served<ChatResult>> result = new CompletableFuture<>();
        vertx.runOnContext(v -> failover.run(candidates, request, (p, call) -> p.chat(call))
                .onComplete(done -> {
                    if (done.succeeded()) {
                        result.complete(done.result());
                    } else {
                        result.completeExceptionally(done.cause());
                    }
                }));
        return result.get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_failing_ledger_never_leads_to_a_blind_call() throws Exception {
        Served<ChatResult> served = run("broken", "fine");
        assertThat(served.candidate().target()).isEqualTo("p/fine");
        assertThat(called).containsExactly("fine");
    }

    @Test
    void no_answer_from_the_ledger_for_anyone_is_a_503_not_a_blind_call() {
        ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                ExecutionException.class, () -> run("broken-1", "broken-2"));
        assertThat(e.getCause()).isInstanceOf(GatewayError.class);
        GatewayError error = (GatewayError) e.getCause();
        assertThat(error.status()).isEqualTo(503);
        assertThat(error.toJson().getJsonObject("error").getString("code")).isEqualTo("capacity_ledger_unavailable");
        assertThat(called).isEmpty();
    }
}
