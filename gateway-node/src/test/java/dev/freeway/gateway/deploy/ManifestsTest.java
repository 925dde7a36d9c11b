package dev.freeway.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freeway.gateway.Main;
import dev.freeway.gateway.config.GatewayConfig;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every {@code k8s/overlays/*} with {@code kubectl kustomize} (skipped, saying so, where
 * kubectl is missing), validates each object against the Kubernetes 1.32 schemas offline, and
 * checks what the schemas cannot: that the manifests agree with the gateway config, the Hazelcast
 * join config and the Vault setup script, and that they hold no secret.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ManifestsTest {
    private static final Set<String> EXPECTED_OVERLAYS = Set.of("dev", "prod", "vault-agent", "kind-smoke");

    static List<String> overlays() {
        return Overlay.names();
    }

    private static Overlay rendered(String name) {
        assumeTrue(Overlay.kubectlAvailable(), "kubectl is not on PATH: k8s/overlays are not rendered or checked");
        return Overlay.named(name);
    }

    @Test
    void the_expected_overlays_exist() {
        assertThat(Overlay.names()).containsAll(EXPECTED_OVERLAYS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_object_is_valid_against_the_kubernetes_schemas(String name) {
        List<String> problems = new ArrayList<>();
        rendered(name).objects.forEach(object -> problems.addAll(KubernetesSchema.problems(object)));
        assertThat(problems).isEmpty();
    }

    @Test
    void the_schema_check_rejects_unknown_fields_missing_fields_and_wrong_types() throws IOException {
        ObjectMapper json = new ObjectMapper();
        String deployment = """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "bad"},
                 "spec": {"replicas": %s, "selector": {"matchLabels": {"a": "b"}},
                          "template": {"spec": {"containers": [%s]}}}}""";

        assertThat(KubernetesSchema.problems(json.readTree(deployment.formatted(
                        "1", "{\"name\": \"c\", \"image\": \"i\", \"imagePullPolcy\": \"Never\"}"))))
                .singleElement(STRING)
                .contains("`imagePullPolcy`", "not defined");
        assertThat(KubernetesSchema.problems(json.readTree(deployment.formatted("\"3\"", "{\"name\": \"c\"}"))))
                .singleElement(STRING)
                .contains(".spec.replicas", "wrong type");
        assertThat(KubernetesSchema.problems(json.readTree(deployment.formatted("1", "{\"name\": 7}"))))
                .singleElement(STRING)
                .contains("containers[0].name", "wrong type");
        assertThat(KubernetesSchema.problems(json.readTree(deployment.formatted("1", "{\"image\": \"i\"}"))))
                .singleElement(STRING)
                .contains("required field `name`");
        assertThat(KubernetesSchema.problems(json.readTree(
                        "{\"apiVersion\": \"apps/v2\", \"kind\": \"Deployment\", \"metadata\": {\"name\": \"x\"}}")))
                .singleElement(STRING)
                .contains("no schema");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_container_has_startup_liveness_and_readiness_probes_on_ports_it_declares(String name) {
        Overlay overlay = rendered(name);
        List<String> problems = new ArrayList<>();
        for (JsonNode container : containers(overlay)) {
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                JsonNode action = container.path(probe).has("httpGet")
                        ? container.path(probe).path("httpGet")
                        : container.path(probe).path("tcpSocket");
                if (Overlay.containerPort(container, action.path("port")) < 0) {
                    problems.add(container.path("name").asText() + "." + probe + ": missing, or on an undeclared port");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_gateway_probes_ask_the_health_endpoints_the_node_serves_on_its_server_port(String name)
            throws IOException {
        Overlay overlay = rendered(name);
        JsonNode gateway = overlay.gatewayContainer();
        Set<String> served = servedGetPaths();
        int serverPort = overlay.gatewayConfig().server().port();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = gateway.path(probe).path("httpGet");
            assertThat(served).as(probe + " path").contains(get.path("path").asText());
            assertThat(Overlay.containerPort(gateway, get.path("port")))
                    .as(probe + " port")
                    .isEqualTo(serverPort);
        }
        // Readiness drops with the quorum; a liveness probe on it would restart every pod of a split cluster.
        assertThat(gateway.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/health/ready");
        assertThat(gateway.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/health/live");
        assertThat(gateway.path("startupProbe").path("httpGet").path("path").asText())
                .isEqualTo("/health/live");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void pods_run_as_non_root_with_a_read_only_root_and_no_privileges(String name) {
        Overlay overlay = rendered(name);
        List<String> problems = new ArrayList<>();
        for (JsonNode deployment : overlay.ofKind("Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            for (JsonNode container : pod.path("containers")) {
                String where = deployment.path("metadata").path("name").asText() + "/"
                        + container.path("name").asText();
                JsonNode context = container.path("securityContext");
                if (!context.path("runAsNonRoot")
                        .asBoolean(
                                pod.path("securityContext").path("runAsNonRoot").asBoolean())) {
                    problems.add(where + ": runAsNonRoot");
                }
                String seccomp = context.path("seccompProfile")
                        .path("type")
                        .asText(pod.path("securityContext")
                                .path("seccompProfile")
                                .path("type")
                                .asText());
                if (!seccomp.equals("RuntimeDefault")) {
                    problems.add(where + ": seccompProfile RuntimeDefault");
                }
                if (!context.path("readOnlyRootFilesystem").asBoolean()) {
                    problems.add(where + ": readOnlyRootFilesystem");
                }
                if (context.path("allowPrivilegeEscalation").asBoolean(true)
                        || context.path("privileged").asBoolean()) {
                    problems.add(where + ": allowPrivilegeEscalation false, not privileged");
                }
                if (!context.path("capabilities").path("drop").toString().contains("\"ALL\"")
                        || !context.path("capabilities").path("add").isEmpty()) {
                    problems.add(where + ": capabilities drop ALL, add none");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_container_requests_cpu_and_memory_and_has_a_memory_limit(String name) {
        List<String> problems = new ArrayList<>();
        for (JsonNode container : containers(rendered(name))) {
            JsonNode resources = container.path("resources");
            if (!resources.path("requests").has("cpu")
                    || !resources.path("requests").has("memory")
                    || !resources.path("limits").has("memory")) {
                problems.add(container.path("name").asText() + ": " + resources);
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_headless_service_is_the_one_the_hazelcast_join_and_the_gateway_config_name(String name) {
        Overlay overlay = rendered(name);
        GatewayConfig config = overlay.gatewayConfig();
        JsonNode member = Overlay.readYaml(Overlay.ROOT.resolve("cluster-config/hazelcast/kubernetes.yaml"))
                .path("hazelcast");
        JsonNode join = member.path("network").path("join").path("kubernetes");
        JsonNode headless = overlay.one("Service", "freeway-hazelcast");
        JsonNode port = headless.path("spec").path("ports").get(0);
        String dns = headless.path("metadata").path("name").asText() + "."
                + headless.path("metadata").path("namespace").asText() + ".svc.cluster.local";

        assertThat(config.cluster().kubernetes().serviceDns())
                .isEqualTo(dns)
                .isEqualTo(join.path("service-dns").asText());
        assertThat(config.cluster().name())
                .isEqualTo(member.path("cluster-name").asText());
        assertThat(headless.path("spec").path("ports")).hasSize(1);
        assertThat(config.cluster().port())
                .isEqualTo(port.path("port").asInt())
                .isEqualTo(join.path("service-port").asInt())
                .isEqualTo(member.path("network").path("port").path("port").asInt())
                .isEqualTo(Overlay.containerPort(overlay.gatewayContainer(), port.path("targetPort")));
        assertThat(headless.path("spec").path("clusterIP").asText()).isEqualTo("None");
        // Readiness waits for the quorum, so members must find each other before they are ready.
        assertThat(headless.path("spec").path("publishNotReadyAddresses").asBoolean())
                .isTrue();
        assertThat(servesGateway(overlay, headless)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_client_service_serves_the_server_port_and_the_admin_port_has_its_own_service(String name) {
        Overlay overlay = rendered(name);
        GatewayConfig config = overlay.gatewayConfig();
        JsonNode gateway = overlay.gatewayContainer();
        JsonNode client = overlay.one("Service", "freeway");
        JsonNode admin = overlay.one("Service", "freeway-admin");

        assertThat(servesGateway(overlay, client)).isTrue();
        assertThat(servesGateway(overlay, admin)).isTrue();
        assertThat(client.path("spec").path("ports").findValues("targetPort"))
                .extracting(target -> Overlay.containerPort(gateway, target))
                .containsOnly(config.server().port());
        assertThat(admin.path("spec").path("ports").findValues("targetPort"))
                .extracting(target -> Overlay.containerPort(gateway, target))
                .containsOnly(config.admin().port());
        assertThat(client.path("spec").path("type").asText("ClusterIP")).isEqualTo("ClusterIP");
        assertThat(admin.path("spec").path("type").asText("ClusterIP")).isEqualTo("ClusterIP");
        // Reachable through its Service and by Prometheus, which scrapes /metrics there.
        assertThat(config.admin().host()).isEqualTo("0.0.0.0");
        assertThat(overlay.gatewayPod()
                        .path("metadata")
                        .path("annotations")
                        .path("prometheus.io/port")
                        .asText())
                .isEqualTo(String.valueOf(config.admin().port()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_grace_period_covers_the_pre_stop_pause_and_the_drain_deadline(String name) throws Exception {
        JsonNode pod = rendered(name).gatewayPod().path("spec");
        JsonNode preStop = rendered(name).gatewayContainer().path("lifecycle").path("preStop");
        long pause = preStop.path("sleep").path("seconds").asLong(-1);

        assertThat(pause).as("preStop sleep seconds").isPositive();
        assertThat(pod.path("terminationGracePeriodSeconds").asLong())
                .isGreaterThanOrEqualTo(pause + drainDeadlineSeconds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void no_secret_value_is_in_the_manifests(String name) {
        Overlay overlay = rendered(name);
        GatewayConfig config = overlay.gatewayConfig();
        List<String> problems = new ArrayList<>();
        for (JsonNode secret : overlay.ofKind("Secret")) {
            problems.add(
                    "Secret " + secret.path("metadata").path("name").asText() + ": create it outside the repository");
        }
        for (JsonNode container : containers(overlay)) {
            for (JsonNode variable : container.path("env")) {
                if (Credentials.looksLikeOne(variable.path("value").asText())) {
                    problems.add("env " + variable.path("name").asText() + " holds a credential-like value");
                }
            }
        }
        for (JsonNode map : overlay.ofKind("ConfigMap")) {
            map.path("data").properties().forEach(entry -> {
                if (Credentials.looksLikeOne(entry.getValue().asText())) {
                    problems.add("ConfigMap data " + entry.getKey() + " holds a credential-like value");
                }
            });
        }
        // The simulator takes any key; its dummy one is the only provider key a manifest may carry.
        config.providers()
                .forEach((provider, settings) -> settings.keys().forEach(key -> {
                    if (!key.value().startsWith("sim-key-")) {
                        problems.add("providers." + provider + ".keys: provider keys come from Vault");
                    }
                }));
        config.auth().clientKeys().forEach(key -> {
            if (key.key() != null) {
                problems.add("auth.client_keys: a plain client key; list its sha256 hash or issue it at runtime");
            }
        });
        assertThat(problems).isEmpty();
        assertThat(config.admin().token())
                .as("admin.token comes from Secret freeway-admin")
                .isEqualTo(Overlay.FROM_SECRET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void hazelcast_is_reachable_only_from_gateway_pods_and_admin_only_from_platform_namespaces(String name) {
        Overlay overlay = rendered(name);
        GatewayConfig config = overlay.gatewayConfig();
        GatewayPolicies policies = new GatewayPolicies(overlay);

        assertThat(policies.restricts("Ingress")).isTrue();
        assertThat(policies.ingressTo(config.cluster().port()))
                .isNotEmpty()
                .allSatisfy(rule -> assertThat(rule.path("from")).isNotEmpty().allSatisfy(peer -> {
                    assertThat(peer.has("namespaceSelector") || peer.has("ipBlock"))
                            .as("peer " + peer)
                            .isFalse();
                    assertThat(selectsGateway(overlay, peer.path("podSelector")))
                            .as("peer " + peer)
                            .isTrue();
                }));
        assertThat(policies.ingressTo(config.admin().port()))
                .isNotEmpty()
                .allSatisfy(rule -> assertThat(rule.path("from"))
                        .isNotEmpty()
                        .allSatisfy(peer -> assertThat(peer.path("namespaceSelector")
                                        .path("matchLabels")
                                        .path("freeway.dev/platform")
                                        .asText())
                                .as("peer " + peer)
                                .isEqualTo("true")));
        assertThat(policies.ingressTo(config.server().port())).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void egress_allows_dns_https_vault_and_the_other_members(String name) {
        Overlay overlay = rendered(name);
        GatewayConfig config = overlay.gatewayConfig();
        GatewayPolicies policies = new GatewayPolicies(overlay);

        assertThat(policies.restricts("Egress")).isTrue();
        assertThat(policies.egressTo(53, "UDP")).isNotEmpty();
        assertThat(policies.egressTo(53, "TCP")).isNotEmpty();
        assertThat(policies.egressTo(443, "TCP")).isNotEmpty();
        assertThat(policies.egressTo(config.cluster().port(), "TCP")).isNotEmpty();
        if (config.secrets().source().equals("vault")) {
            // With the agent method the sidecar, not the node, calls Vault; it shares the pod's policy.
            String vault = config.secrets().vault().auth().method().equals("agent")
                    ? overlay.gatewayPod()
                            .path("metadata")
                            .path("annotations")
                            .path("vault.hashicorp.com/service")
                            .asText()
                    : config.secrets().vault().address();
            assertThat(policies.egressTo(URI.create(vault).getPort(), "TCP"))
                    .as("egress to " + vault)
                    .isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_gateway_account_has_no_rbac_and_no_api_token(String name) {
        Overlay overlay = rendered(name);
        for (String kind : List.of("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding")) {
            assertThat(overlay.ofKind(kind)).as(kind).isEmpty();
        }
        JsonNode pod = overlay.gatewayPod().path("spec");
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(overlay.one("ServiceAccount", pod.path("serviceAccountName").asText())
                        .path("automountServiceAccountToken")
                        .asBoolean(true))
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void vault_login_matches_the_role_that_setup_sh_creates(String name) throws IOException {
        Overlay overlay = rendered(name);
        GatewayConfig config = overlay.gatewayConfig();
        if (name.equals("kind-smoke")) {
            assertThat(config.secrets().source()).as("kind has no Vault").isEqualTo("none");
            return;
        }
        Map<String, String> setup = setupDefaults();
        JsonNode pod = overlay.gatewayPod();
        assertThat(config.secrets().source()).isEqualTo("vault");
        assertThat(pod.path("spec").path("serviceAccountName").asText())
                .isEqualTo(setup.get("FREEWAY_SERVICE_ACCOUNT"));
        assertThat(overlay.namespace()).isEqualTo(setup.get("FREEWAY_NAMESPACE"));
        switch (config.secrets().vault().auth().method()) {
            case "kubernetes" -> {
                assertThat(config.secrets().vault().auth().role()).isEqualTo(setup.get("FREEWAY_ROLE"));
                assertThat(config.secrets().vault().auth().mount()).isEqualTo(setup.get("FREEWAY_K8S_AUTH_MOUNT"));
                assertThat(VaultToken.audienceOfMounted(
                                overlay, config.secrets().vault().auth().jwtPath()))
                        .as("jwt_path is a projected token with an audience")
                        .isNotBlank();
            }
            case "agent" -> {
                JsonNode annotations = pod.path("metadata").path("annotations");
                assertThat(annotations.path("vault.hashicorp.com/agent-inject").asText())
                        .isEqualTo("true");
                assertThat(annotations.path("vault.hashicorp.com/role").asText())
                        .isEqualTo(setup.get("FREEWAY_ROLE"));
                assertThat(annotations.path("vault.hashicorp.com/auth-path").asText())
                        .isEqualTo("auth/" + setup.get("FREEWAY_K8S_AUTH_MOUNT"));
                assertThat(annotations
                                .path("vault.hashicorp.com/agent-cache-use-auto-auth-token")
                                .asText())
                        .isEqualTo("force");
                assertThat(config.secrets().vault().address())
                        .isEqualTo("http://127.0.0.1:"
                                + annotations
                                        .path("vault.hashicorp.com/agent-cache-listener-port")
                                        .asText());
                assertThat(VaultToken.audienceOfVolume(
                                overlay,
                                annotations
                                        .path("vault.hashicorp.com/agent-service-account-token-volume-name")
                                        .asText()))
                        .isNotBlank();
            }
            default ->
                throw new AssertionError(
                        "auth.method " + config.secrets().vault().auth().method());
        }
    }

    @Test
    void prod_runs_three_members_with_a_majority_quorum_a_disruption_budget_and_an_autoscaler() {
        Overlay prod = rendered("prod");
        JsonNode labels = prod.gatewayPod().path("metadata").path("labels");
        JsonNode pdb = prod.one("PodDisruptionBudget", "freeway");
        JsonNode hpa = prod.one("HorizontalPodAutoscaler", "freeway");

        assertThat(prod.one("Deployment", Overlay.GATEWAY)
                        .path("spec")
                        .path("replicas")
                        .asInt())
                .isEqualTo(3);
        assertThat(prod.gatewayConfig().cluster().minSize()).isEqualTo(2);
        assertThat(GatewayPolicies.selects(pdb.path("spec").path("selector"), labels))
                .isTrue();
        assertThat(pdb.path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText())
                .isEqualTo(Overlay.GATEWAY);
        assertThat(hpa.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void dev_is_one_member_that_counts_as_its_own_quorum() {
        Overlay dev = rendered("dev");
        assertThat(dev.one("Deployment", Overlay.GATEWAY)
                        .path("spec")
                        .path("replicas")
                        .asInt())
                .isEqualTo(1);
        assertThat(dev.gatewayConfig().cluster().minSize()).isEqualTo(1);
        assertThat(dev.ofKind("PodDisruptionBudget")).isEmpty();
    }

    /** A label selector ({@code matchLabels}) that picks the gateway pods and names at least one label. */
    private static boolean selectsGateway(Overlay overlay, JsonNode selector) {
        return !selector.path("matchLabels").isEmpty()
                && GatewayPolicies.selects(
                        selector, overlay.gatewayPod().path("metadata").path("labels"));
    }

    /** A Service whose selector (a plain label map) picks the gateway pods. */
    private static boolean servesGateway(Overlay overlay, JsonNode service) {
        JsonNode labels = service.path("spec").path("selector");
        return !labels.isEmpty()
                && GatewayPolicies.matches(
                        labels, overlay.gatewayPod().path("metadata").path("labels"));
    }

    private static List<JsonNode> containers(Overlay overlay) {
        List<JsonNode> containers = new ArrayList<>();
        overlay.ofKind("Deployment")
                .forEach(d -> d.path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .forEach(containers::add));
        return containers;
    }

    /** The GET routes in the node's one route table, read from its source. */
    private static Set<String> servedGetPaths() throws IOException {
        String routes = Files.readString(
                Overlay.ROOT.resolve("gateway-node/src/main/java/dev/freeway/gateway/node/Routes.java"));
        Set<String> paths = new TreeSet<>();
        Matcher get = Pattern.compile("router\\.get\\(\"([^\"]+)\"\\)").matcher(routes);
        while (get.find()) {
            paths.add(get.group(1));
        }
        return paths;
    }

    /** Main's cap on the whole graceful stop (lame duck, HTTP drain, flush, cluster leave); private by design. */
    private static long drainDeadlineSeconds() throws ReflectiveOperationException {
        Field drain = Main.class.getDeclaredField("DRAIN_SECONDS");
        drain.setAccessible(true);
        return drain.getLong(null);
    }

    /** The defaults setup.sh uses when its FREEWAY_* variables are unset, by variable name. */
    private static Map<String, String> setupDefaults() throws IOException {
        String script = Files.readString(Overlay.ROOT.resolve("cluster-config/vault/setup.sh"));
        Map<String, String> defaults = new HashMap<>();
        Matcher variable = Pattern.compile("\\$\\{(FREEWAY_\\w+):-([^}]*)}").matcher(script);
        while (variable.find()) {
            defaults.put(variable.group(1), variable.group(2));
        }
        return defaults;
    }
}
