package dev.freeway.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.NotFoundException;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Three gateway containers from the built image ({@value #GATEWAY_IMAGE}, or the system property
 * {@code freeway.gateway.image}) join one Hazelcast cluster over TCP-IP on a Docker network and
 * share one provider limit, in front of the simulator image ({@value #SIMULATOR_IMAGE}, or
 * {@code freeway.simulator.image}). Needs Docker and both images: the docker-it workflow builds
 * them and runs this with {@code -Pdocker-tests}; anywhere else it is skipped.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ImageClusterContainerTest {
    static final String GATEWAY_IMAGE = "freeway/gateway-node:ci";
    static final String SIMULATOR_IMAGE = "freeway/simulator:ci";

    private static final List<String> NODES = List.of("gateway-1", "gateway-2", "gateway-3");
    private static final int RPM = 12;
    private static final String CLIENT_KEY = "sk-image-cluster-client-01";
    private static final String PROVIDER_KEY = "sim-key-image-cluster-01";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ImageCluster cluster;

    @BeforeAll
    static void start() throws IOException {
        String gatewayImage = System.getProperty("freeway.gateway.image", GATEWAY_IMAGE);
        String simulatorImage = System.getProperty("freeway.simulator.image", SIMULATOR_IMAGE);
        assumeBuilt(gatewayImage, "docker build -f gateway-node/Dockerfile -t " + gatewayImage + " .");
        assumeBuilt(simulatorImage, "docker build -f loadtest/Dockerfile -t " + simulatorImage + " .");
        cluster = ImageCluster.start(gatewayImage, simulatorImage, RPM, NODES, writeConfig());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Never pulled: an image of that name from a registry would not be this commit's. */
    private static void assumeBuilt(String image, String buildCommand) {
        boolean present;
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            present = true;
        } catch (NotFoundException e) {
            present = false;
        }
        assumeTrue(
                present,
                () -> "image " + image + " is not built here (after ./mvnw -B -DskipTests package: " + buildCommand
                        + ")");
    }

    /**
     * min_size 3 makes readiness mean "three members answer heartbeats"; the initial cluster size
     * makes every member wait for the others, so none starts alone and merges later.
     */
    private static Path writeConfig() throws IOException {
        String members = String.join(
                ", ", NODES.stream().map(node -> "\"" + node + ":5701\"").toList());
        String yaml = String.join(
                "\n",
                "server: { port: 8080 }",
                "cluster:",
                "  name: freeway-image-test",
                "  port: 5701",
                "  members: [" + members + "]",
                "  min_size: " + NODES.size(),
                "  hazelcast_properties:",
                "    hazelcast.wait.seconds.before.join: \"1\"",
                "    hazelcast.initial.min.cluster.size: \"" + NODES.size() + "\"",
                "auth:",
                "  client_keys:",
                "    - { key: \"" + CLIENT_KEY + "\", team: default }",
                "providers:",
                "  sim:",
                "    format: openai",
                "    base_url: \"http://" + ImageCluster.SIMULATOR_HOST + ":9000/v1\"",
                "    keys: [\"" + PROVIDER_KEY + "\"]",
                "models:",
                "  - { id: sim-model, provider: sim, context_window: 8192, limits: { rpm: " + RPM + " } }",
                "");
        Path dir =
                Files.createDirectories(Path.of("target", "image-cluster-test").toAbsolutePath());
        Path config = Files.writeString(dir.resolve("freeway.yaml"), yaml);
        // The container runs as uid 10001, not as the owner of this file.
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        return config;
    }

    @Test
    void every_node_is_ready_which_with_min_size_3_means_it_sees_three_members() throws Exception {
        for (int i = 0; i < cluster.size(); i++) {
            HttpResponse<String> ready = get(cluster.gatewayUrl(i) + "/health/ready");

            assertThat(ready.statusCode())
                    .as(NODES.get(i) + ": " + ready.body())
                    .isEqualTo(200);
            assertThat(JSON.readTree(ready.body()).path("status").asText()).isEqualTo("UP");
        }
    }

    /** Requests go round-robin one at a time, so the first RPM succeed and every later one is refused. */
    @Test
    void a_shared_rpm_limit_admits_exactly_that_many_across_the_three_nodes() throws Exception {
        awaitRoomInTheCurrentMinute();
        List<OpenAIClient> clients = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            clients.add(client(cluster.gatewayUrl(i)));
        }
        List<String> routedVia = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 3 * RPM; i++) {
            try {
                HttpResponseFor<ChatCompletion> raw = clients.get(i % clients.size())
                        .chat()
                        .completions()
                        .withRawResponse()
                        .create(ChatCompletionCreateParams.builder()
                                .model("auto")
                                .addUserMessage("request " + i)
                                .build());
                raw.parse();
                routedVia.addAll(raw.headers().values("X-Routed-Via"));
            } catch (RateLimitException poolExhausted) {
                refused++;
            }
        }

        assertThat(routedVia).as(cluster::gatewayLogs).hasSize(RPM).containsOnly("sim/sim-model");
        assertThat(refused).isEqualTo(2 * RPM);
        JsonNode simulated =
                JSON.readTree(get(cluster.simulatorUrl() + "/_sim/stats").body());
        assertThat(simulated.path("totalRequests").asLong())
                .as("requests the provider saw")
                .isEqualTo(RPM);
        assertThat(simulated.path("rateLimited").asLong())
                .as("429s from the provider, which enforces the same limit")
                .isZero();
    }

    /** The limit refills at each minute boundary: a run that crossed one would see up to twice RPM. */
    private static void awaitRoomInTheCurrentMinute() throws InterruptedException {
        int second = LocalTime.now(ZoneOffset.UTC).getSecond();
        if (second > 30) {
            Thread.sleep((61 - second) * 1_000L);
        }
    }

    /** The official SDK, with its own retries off so every status reaches the test (as the ITs). */
    private static OpenAIClient client(String rootUrl) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(rootUrl + "/v1")
                .apiKey(CLIENT_KEY)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
