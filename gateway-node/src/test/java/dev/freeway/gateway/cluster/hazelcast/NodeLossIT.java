package dev.freeway.gateway.cluster.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import dev.freeway.gateway.cluster.PenaltyBook;
import dev.freeway.gateway.cluster.PenaltyReason;
import dev.freeway.gateway.cluster.StickySessions;
import dev.freeway.gateway.config.ClusterConfig;
import dev.freeway.gateway.limits.Admission;
import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.limits.Window;
import dev.freeway.gateway.testing.MutableClock;
import io.vertx.core.Future;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Three members on 127.0.0.1-3; one is terminated as {@code kill -9} would (no migration). With one
 * backup per entry, every bucket, penalty and pin written before survives on the other two, and no
 * bucket is rebuilt.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NodeLossIT {
    private static final int SCOPES = 60;
    private static final Limits LIMITS = new Limits(100, 0, 0, 0);

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:05Z");
    private final List<HazelcastCluster> members = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();

    @AfterEach
    void stop() {
        members.forEach(HazelcastCluster::close);
    }

    @Test
    void a_killed_member_loses_no_bucket_penalty_or_pin() {
        startThree();
        HazelcastCluster writer = members.get(0);
        CapacityLedger ledger = writer.ledger(clock);
        PenaltyBook penalties = writer.penalties(clock, 120_000, 90_000);
        StickySessions sticky = writer.stickySessions(clock, 1_800_000);
        for (int i = 0; i < SCOPES; i++) {
            for (int taken = 0; taken < 1 + i % 7; taken++) {
                assertThat(result(ledger.reserve(scope(i), LIMITS, 0)).isGranted())
                        .isTrue();
            }
            result(penalties.failure("p/m" + i, scope(i), PenaltyReason.RATE_LIMITED, 0));
            result(sticky.pin("session-" + i, "p/m" + i));
        }

        members.remove(2);
        killAt(addresses.get(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> members.stream().allMatch(m -> m.memberCount() == 2));

        HazelcastCluster survivor = members.get(1);
        CapacityLedger survivorLedger = survivor.ledger(clock);
        PenaltyBook survivorPenalties = survivor.penalties(clock, 120_000, 90_000);
        StickySessions survivorSticky = survivor.stickySessions(clock, 1_800_000);
        for (int i = 0; i < SCOPES; i++) {
            Admission next = result(survivorLedger.reserve(scope(i), LIMITS, 0));
            assertThat(next.reservation().remaining(Window.REQUESTS_MINUTE))
                    .as("requests left in scope %d after %d taken and one more", i, 1 + i % 7)
                    .isEqualTo(100 - (1 + i % 7) - 1);
            assertThat(survivorPenalties.points("p/m" + i)).isEqualTo(3.0);
            assertThat(survivorPenalties.benchedUntilMillis(scope(i))).isPositive();
            assertThat(result(survivorSticky.lookup("session-" + i))).isEqualTo(Optional.of("p/m" + i));
        }
    }

    private static String scope(int i) {
        return "p#key" + i + "/m" + i;
    }

    private void startThree() {
        String name = "freeway-loss-" + UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            String host = "127.0.0." + i;
            addresses.add(host + ":" + freePort(host));
        }
        List<CompletableFuture<HazelcastCluster>> starting = new ArrayList<>();
        for (String address : addresses) {
            String host = address.substring(0, address.indexOf(':'));
            int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
            ClusterConfig config = new ClusterConfig(
                    name, host, port, addresses, null, null, Map.of("hazelcast.wait.seconds.before.join", "0"));
            starting.add(CompletableFuture.supplyAsync(() -> HazelcastCluster.start(config)));
        }
        starting.forEach(future -> members.add(future.join()));
        await().atMost(Duration.ofSeconds(60)).until(() -> members.stream().allMatch(m -> m.memberCount() == 3));
    }

    /** Terminates the member at {@code address} without a graceful shutdown: no partition migrates. */
    private static void killAt(String address) {
        Hazelcast.getAllHazelcastInstances().stream()
                .filter(instance -> instance.getLifecycleService().isRunning()
                        && address.equals(instance.getCluster()
                                        .getLocalMember()
                                        .getAddress()
                                        .getHost() + ":"
                                + instance.getCluster()
                                        .getLocalMember()
                                        .getAddress()
                                        .getPort()))
                .forEach(instance -> instance.getLifecycleService().terminate());
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
