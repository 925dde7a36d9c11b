package dev.freeway.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicy rules that apply to the gateway pods, taken together as Kubernetes does: a
 * connection is allowed when any rule of any policy selecting the pod allows it.
 */
final class GatewayPolicies {
    private final JsonNode container;
    private final List<JsonNode> policies = new ArrayList<>();

    GatewayPolicies(Overlay overlay) {
        JsonNode pod = overlay.gatewayPod();
        this.container = overlay.gatewayContainer();
        for (JsonNode policy : overlay.ofKind("NetworkPolicy")) {
            if (selects(
                    policy.path("spec").path("podSelector"),
                    pod.path("metadata").path("labels"))) {
                policies.add(policy);
            }
        }
    }

    boolean restricts(String direction) {
        return policies.stream()
                .anyMatch(p -> p.path("spec").path("policyTypes").toString().contains(direction));
    }

    /** Ingress rules that let traffic reach this container port. */
    List<JsonNode> ingressTo(int port) {
        return rules("ingress", port, "TCP");
    }

    /** Egress rules that let traffic leave for this port. */
    List<JsonNode> egressTo(int port, String protocol) {
        return rules("egress", port, protocol);
    }

    /** Whether a label selector (matchLabels only) selects these labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.has("matchExpressions")) {
            throw new AssertionError("matchExpressions are not understood by this check: " + selector);
        }
        return matches(selector.path("matchLabels"), labels);
    }

    /** Whether every required label is among these labels. */
    static boolean matches(JsonNode required, JsonNode labels) {
        for (Map.Entry<String, JsonNode> label : required.properties()) {
            if (!labels.path(label.getKey()).asText().equals(label.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private List<JsonNode> rules(String direction, int port, String protocol) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode policy : policies) {
            for (JsonNode rule : policy.path("spec").path(direction)) {
                if (opens(rule, port, protocol)) {
                    found.add(rule);
                }
            }
        }
        return found;
    }

    /** A rule without ports opens every port; an entry without a port opens its whole protocol. */
    private boolean opens(JsonNode rule, int port, String protocol) {
        JsonNode ports = rule.path("ports");
        if (ports.isEmpty()) {
            return true;
        }
        for (JsonNode entry : ports) {
            if (!entry.path("protocol").asText("TCP").equals(protocol)) {
                continue;
            }
            JsonNode number = entry.path("port");
            if (number.isMissingNode()) {
                return true;
            }
            int from = number.isInt() ? number.asInt() : Overlay.containerPort(container, number);
            if (from == port || from < port && port <= entry.path("endPort").asInt(from)) {
                return true;
            }
        }
        return false;
    }
}
