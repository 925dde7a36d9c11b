package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.RawHttp;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestCluster;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Two teams each send three times the pool's capacity through a three-node cluster within one
 * minute; what the pool admits is split by the teams' weights, counted by the answers each team
 * got and checked against what the upstream saw.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FairShareIT {
    private static final int R = 60;
    private static final String ALPHA_KEY = "sk-fair-alpha-key-000001";
    private static final String BETA_KEY = "sk-fair-beta-key-0000001";

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:05Z");
    private final Simulators simulators = new Simulators(clock);
    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        simulators.close();
    }

    private ProviderSimulator start(int alphaWeight, int betaWeight) {
        ProviderSimulator pool = simulators.start("pool");
        cluster = TestCluster.start(
                3,
                clock,
                config -> config.provider("pool", pool.baseUrl(), "pool-key-000001")
                        .model("m", "pool", 50, TestConfigs.rpm(R))
                        .team("alpha", new TeamConfig(alphaWeight, null, null), ALPHA_KEY)
                        .team("beta", new TeamConfig(betaWeight, null, null), BETA_KEY));
        return pool;
    }

    /** Both teams at once, interleaved, round-robin over the nodes; answers per team. */
    private int[] bothTeamsSend(int eachTeam) throws Exception {
        AtomicInteger alpha = new AtomicInteger();
        AtomicInteger beta = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 2 * eachTeam; i++) {
                boolean isAlpha = i % 2 == 0;
                TestNode node = cluster.node(i % 3);
                String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"r" + i + "\"}]}";
                sent.add(pool.submit(() -> {
                    int status = RawHttp.post(
                                    node.baseUrl() + "/chat/completions", isAlpha ? ALPHA_KEY : BETA_KEY, body)
                            .statusCode();
                    if (status == 200) {
                        (isAlpha ? alpha : beta).incrementAndGet();
                    }
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return new int[] {alpha.get(), beta.get()};
    }

    @Test
    void equal_weights_give_each_team_at_least_45_percent_of_what_the_pool_admits() throws Exception {
        ProviderSimulator pool = start(1, 1);

        int[] served = bothTeamsSend(3 * R);

        int admitted = served[0] + served[1];
        System.out.printf(
                "fair share 1:1: alpha %d, beta %d of %d admitted (R = %d)%n", served[0], served[1], admitted, R);
        assertThat(admitted).isEqualTo((int) pool.stats().totalRequests()).isLessThanOrEqualTo(R);
        assertThat(served[0] * 100).isGreaterThanOrEqualTo(45 * admitted);
        assertThat(served[1] * 100).isGreaterThanOrEqualTo(45 * admitted);
    }

    @Test
    void weights_2_to_1_split_what_the_pool_admits_within_5_points_of_67_to_33() throws Exception {
        ProviderSimulator pool = start(2, 1);

        int[] served = bothTeamsSend(3 * R);

        int admitted = served[0] + served[1];
        double alphaPercent = 100.0 * served[0] / admitted;
        System.out.printf(
                "fair share 2:1: alpha %d (%.1f %%), beta %d of %d admitted (R = %d)%n",
                served[0], alphaPercent, served[1], admitted, R);
        assertThat(admitted).isEqualTo((int) pool.stats().totalRequests()).isLessThanOrEqualTo(R);
        assertThat(alphaPercent).isBetween(200.0 / 3 - 5, 200.0 / 3 + 5);
    }
}
