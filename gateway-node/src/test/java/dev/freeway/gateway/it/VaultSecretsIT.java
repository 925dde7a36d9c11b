package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.freeway.gateway.config.RoutingConfig;
import dev.freeway.gateway.config.SecretsConfig;
import dev.freeway.gateway.config.VaultAuthConfig;
import dev.freeway.gateway.config.VaultSettings;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.gateway.testing.VaultHttpDouble;
import dev.freeway.gateway.testing.VaultHttpDouble.Endpoint;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Scenarios T14-T16 with the node reading its provider keys from Vault, here an in-test HTTP
 * double of Vault's KV v2, token, AppRole and Kubernetes endpoints (no Vault binary or Docker on
 * this machine; {@code VaultContainerTest} runs the real image where Docker exists). Requests flow
 * from four threads throughout; the simulator's count per key is what the upstream saw.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VaultSecretsIT {
    private static final long REFRESH_MILLIS = 1_000;
    private static final String OLD_KEY = "sk-vault-old-key-000000000001";
    private static final String NEW_KEY = "sk-vault-new-key-000000000002";

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private final VaultHttpDouble vault = new VaultHttpDouble(clock);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService load = Executors.newFixedThreadPool(4);
    private final AtomicBoolean loading = new AtomicBoolean();
    private final AtomicLong served = new AtomicLong();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private ProviderSimulator upstream;
    private TestNode node;

    @AfterEach
    void stop() throws Exception {
        stopLoad();
        if (node != null) {
            node.close();
        }
        simulators.close();
        vault.close();
    }

    private void startNode(VaultAuthConfig auth) {
        upstream = simulators.start("vaulted");
        SecretsConfig secrets = new SecretsConfig(
                "vault", null, new VaultSettings(vault.address(), auth, null, null, REFRESH_MILLIS + "ms", 500L, null));
        node = TestNode.start(
                TestConfigs.builder()
                        .provider("vaulted", upstream.baseUrl())
                        .model("m", "vaulted", 50)
                        .routing(new RoutingConfig(null, null, null, null, 0, null, null, null))
                        .secrets(secrets)
                        .build(),
                clock);
    }

    private void startLoad() {
        loading.set(true);
        OpenAIClient client = node.client();
        for (int i = 0; i < 4; i++) {
            int thread = i;
            load.submit(() -> {
                long n = 0;
                while (loading.get()) {
                    try {
                        client.chat()
                                .completions()
                                .create(ChatCompletionCreateParams.builder()
                                        .model("m")
                                        .addUserMessage("request " + thread + "-" + n++)
                                        .build());
                        served.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            });
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> served.get() > 20);
    }

    private void stopLoad() throws InterruptedException {
        loading.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private long upstreamRequestsWith(String key) {
        return upstream.stats().requestsByKey().getOrDefault(key, 0L);
    }

    private String readiness() throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(node.rootUrl() + "/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static VaultAuthConfig token(String token) {
        return new VaultAuthConfig("token", token, null, null, null, null, null);
    }

    @Test
    void T14_a_rotated_key_reaches_the_upstream_within_one_refresh_and_no_request_fails() throws Exception {
        vault.putKeys("vaulted", List.of(OLD_KEY));
        startNode(token(vault.rootToken()));
        startLoad();

        long rotatedAt = System.nanoTime();
        vault.putKeys("vaulted", List.of(NEW_KEY));
        await().atMost(5, TimeUnit.SECONDS).until(() -> upstreamRequestsWith(NEW_KEY) > 0);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rotatedAt);
        long seen = served.get();
        // Grace: requests planned on the old key just before the swap may still reach the upstream.
        await().atMost(5, TimeUnit.SECONDS).until(() -> served.get() > seen + 20);
        long oldAfterGrace = upstreamRequestsWith(OLD_KEY);
        long servedBefore = served.get();
        await().atMost(10, TimeUnit.SECONDS).until(() -> served.get() > servedBefore + 100);

        System.out.printf(
                "T14: new key at the upstream %d ms after the rotation (refresh %d ms)%n", tookMillis, REFRESH_MILLIS);
        assertThat(tookMillis).isLessThanOrEqualTo(REFRESH_MILLIS + 1_000);
        assertThat(upstreamRequestsWith(OLD_KEY))
                .as("the old key is not used after the rotation took effect")
                .isEqualTo(oldAfterGrace);
        assertThat(failures).isEmpty();
    }

    @Test
    void T14_a_removed_key_stops_being_used_and_the_remaining_one_serves() throws Exception {
        vault.putKeys("vaulted", List.of(OLD_KEY, NEW_KEY));
        startNode(token(vault.rootToken()));
        startLoad();

        vault.putKeys("vaulted", List.of(NEW_KEY));
        await().atMost(5, TimeUnit.SECONDS).until(() -> {
            long before = upstreamRequestsWith(OLD_KEY);
            long servedBefore = served.get();
            await().atMost(5, TimeUnit.SECONDS).until(() -> served.get() > servedBefore + 40);
            return upstreamRequestsWith(OLD_KEY) == before;
        });

        assertThat(failures).isEmpty();
    }

    @Test
    void T15_a_hung_then_stopped_vault_costs_no_request_degrades_readiness_and_recovers() throws Exception {
        vault.putKeys("vaulted", List.of(OLD_KEY));
        startNode(token(vault.rootToken()));
        startLoad();

        vault.hang(true);
        long hungAt = System.nanoTime();
        await().atMost(2 * REFRESH_MILLIS + 1_000, TimeUnit.MILLISECONDS)
                .until(() -> readiness().contains("degraded"));
        long degradedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - hungAt);
        assertThat(readiness()).contains("\"status\":\"UP\"");
        vault.hang(false);
        vault.stop();
        long servedDuringOutage = served.get();
        await().atMost(10, TimeUnit.SECONDS).until(() -> served.get() > servedDuringOutage + 200);
        assertThat(readiness()).contains("degraded").contains("\"status\":\"UP\"");

        vault.start();
        long backAt = System.nanoTime();
        await().atMost(2 * REFRESH_MILLIS + 1_000, TimeUnit.MILLISECONDS)
                .until(() -> !readiness().contains("degraded"));
        long recoveredAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - backAt);

        stopLoad();
        System.out.printf(
                "T15: degraded %d ms after Vault hung, recovered %d ms after it came back, %d requests served, %d failed%n",
                degradedAfter, recoveredAfter, served.get(), failures.size());
        assertThat(failures).isEmpty();
        assertThat(upstreamRequestsWith(OLD_KEY)).isEqualTo(served.get());
    }

    @Test
    void T16_renewals_and_re_logins_keep_every_read_working_and_a_403_never_empties_the_keys() throws Exception {
        vault.tokenTtl(Duration.ofSeconds(30), Duration.ofSeconds(90));
        vault.enableAppRole("approle", "freeway-role-id", "freeway-secret-id-0001");
        vault.putKeys("vaulted", List.of(OLD_KEY));
        startNode(new VaultAuthConfig("approle", null, "freeway-role-id", "freeway-secret-id-0001", null, null, null));
        startLoad();

        List<String> degraded = new ArrayList<>();
        for (int step = 0; step < 18; step++) {
            clock.advance(Duration.ofSeconds(10));
            int reads = vault.requests(Endpoint.KV_READ);
            // Fetches run one at a time: the first read counted may belong to a fetch that looked
            // at the clock before this step, the second one cannot. Without it, a slow machine lets
            // fetches skip steps, and a 30 s token seen only every 30 s has always expired.
            await().atMost(5, TimeUnit.SECONDS).until(() -> vault.requests(Endpoint.KV_READ) > reads + 1);
            String ready = readiness();
            if (ready.contains("degraded")) {
                degraded.add(ready);
            }
        }
        vault.failNext(Endpoint.KV_READ, 403, 1, "{\"errors\":[\"permission denied\"]}");
        int reads = vault.requests(Endpoint.KV_READ);
        await().atMost(5, TimeUnit.SECONDS).until(() -> vault.requests(Endpoint.KV_READ) > reads + 1);
        long servedBefore = served.get();
        await().atMost(10, TimeUnit.SECONDS).until(() -> served.get() > servedBefore + 50);

        System.out.printf(
                "T16: %d renewals, %d logins over 180 s of token time (TTL 30 s, max 90 s), %d degraded readings%n",
                vault.requests(Endpoint.TOKEN_RENEW_SELF), vault.requests(Endpoint.APPROLE_LOGIN), degraded.size());
        assertThat(degraded).isEmpty();
        assertThat(vault.requests(Endpoint.TOKEN_RENEW_SELF)).isPositive();
        assertThat(vault.requests(Endpoint.APPROLE_LOGIN)).isGreaterThanOrEqualTo(2);
        assertThat(failures).isEmpty();
        assertThat(readiness()).doesNotContain("degraded");
    }
}
