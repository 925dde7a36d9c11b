package dev.freeway.gateway.cluster.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import dev.freeway.gateway.config.ClusterConfig;
import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.limits.Window;
import dev.freeway.gateway.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Three members on 127.0.0.1-3 restarted one at a time (graceful leave, then a fresh member
 * joins) while every member keeps admitting from the same buckets. The clock stands still, so no
 * window refills: whatever was granted must be exactly what the buckets show as taken.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerMigrationIT {
    private static final int SCOPES = 40;
    private static final long LIMIT = 1_000_000;
    private static final Limits LIMITS = new Limits(LIMIT, 0, 0, 0);

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:05Z");
    private final AtomicReferenceArray<HazelcastCluster> members = new AtomicReferenceArray<>(3);
    private final List<ClusterConfig> configs = new ArrayList<>();

    @AfterEach
    void stop() {
        for (int i = 0; i < 3; i++) {
            HazelcastCluster member = members.get(i);
            if (member != null) {
                member.close();
            }
        }
    }

    @Test
    void a_rolling_restart_grants_exactly_what_the_buckets_lost() throws Exception {
        startThree();
        ConcurrentHashMap<String, AtomicLong> granted = new ConcurrentHashMap<>();
        AtomicLong failures = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            int index = node;
            Thread thread = new Thread(() -> admitWhileRunning(index, running, granted, failures));
            thread.start();
            load.add(thread);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> total(granted) > 2_000);
        for (int node = 0; node < 3; node++) {
            restart(node);
        }
        running.set(false);
        for (Thread thread : load) {
            thread.join();
        }
        WindowBuckets buckets = new WindowBuckets(
                Hazelcast.getAllHazelcastInstances().stream()
                        .filter(instance -> instance.getLifecycleService().isRunning())
                        .findAny()
                        .orElseThrow()
                        .getMap(HazelcastCluster.BUCKETS),
                clock,
                () -> 3);
        long excess = 0;
        for (int i = 0; i < SCOPES; i++) {
            long left = buckets.tryConsume(scope(i), Window.REQUESTS_MINUTE, LIMITS, 1)
                    .get(10, TimeUnit.SECONDS)
                    .getRemainingTokens();
            long taken = LIMIT - left - 1;
            long grants = granted.getOrDefault(scope(i), new AtomicLong()).get();
            excess += grants - taken;
        }
        assertThat(excess)
                .as(
                        "grants beyond what the buckets show taken, of %d granted (%d failed calls)",
                        total(granted), failures.get())
                .isZero();
    }

    private void admitWhileRunning(
            int node, AtomicBoolean running, ConcurrentHashMap<String, AtomicLong> granted, AtomicLong failures) {
        Semaphore inFlight = new Semaphore(32);
        CapacityLedger ledger = null;
        HazelcastCluster current = null;
        long n = node;
        while (running.get()) {
            HazelcastCluster member = members.get(node);
            // While its own member restarts, the thread admits through the next one.
            for (int other = 1; member == null; other++) {
                member = members.get((node + other) % 3);
            }
            if (member != current) {
                current = member;
                ledger = member.ledger(clock);
            }
            inFlight.acquireUninterruptibly();
            String scope = scope((int) (n++ % SCOPES));
            ledger.reserve(scope, LIMITS, 0).onComplete(result -> {
                if (result.succeeded() && result.result().isGranted()) {
                    granted.computeIfAbsent(scope, s -> new AtomicLong()).incrementAndGet();
                } else if (result.failed()) {
                    failures.incrementAndGet();
                }
                inFlight.release();
            });
        }
        inFlight.acquireUninterruptibly(32);
    }

    private void restart(int node) {
        HazelcastCluster leaving = members.getAndSet(node, null);
        leaving.close();
        members.set(node, HazelcastCluster.start(configs.get(node)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> allThree()
                        && !members.get(0).migrating()
                        && !members.get(1).migrating()
                        && !members.get(2).migrating());
    }

    private boolean allThree() {
        for (int i = 0; i < 3; i++) {
            HazelcastCluster member = members.get(i);
            if (member == null || member.memberCount() != 3) {
                return false;
            }
        }
        return true;
    }

    private static long total(Map<String, AtomicLong> granted) {
        return granted.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private static String scope(int i) {
        return "p#key" + i + "/m" + i;
    }

    private void startThree() {
        String name = "freeway-roll-" + UUID.randomUUID();
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String host = "127.0.0." + i;
            addresses.add(host + ":" + freePort(host));
        }
        for (String address : addresses) {
            String host = address.substring(0, address.indexOf(':'));
            int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
            configs.add(new ClusterConfig(
                    name, host, port, addresses, null, null, Map.of("hazelcast.wait.seconds.before.join", "0")));
        }
        List<CompletableFuture<HazelcastCluster>> starting = new ArrayList<>();
        for (ClusterConfig config : configs) {
            starting.add(CompletableFuture.supplyAsync(() -> HazelcastCluster.start(config)));
        }
        for (int i = 0; i < 3; i++) {
            members.set(i, starting.get(i).join());
        }
        await().atMost(Duration.ofSeconds(60)).until(this::allThree);
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
