package dev.freeway.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.freeway.gateway.config.ConfigLoader;
import dev.freeway.gateway.config.GatewayConfig;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One {@code k8s/overlays/<name>} as {@code kubectl kustomize} renders it, parsed into Jackson trees,
 * with the lookups the invariants need. The gateway config is read from the rendered ConfigMap
 * with the gateway's own {@link ConfigLoader}, interpolated with the gateway container's env, so
 * ports and names come out exactly as the node would read them.
 */
final class Overlay {
    static final Path ROOT = repositoryRoot();
    static final String GATEWAY = "freeway";
    /** Stands in for env values that come from a Secret: long enough for every length rule. */
    static final String FROM_SECRET = "value-from-an-operator-created-secret";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, Overlay> RENDERED = new ConcurrentHashMap<>();
    private static final boolean KUBECTL = probeKubectl();

    final String name;
    final List<JsonNode> objects;
    private GatewayConfig config;

    private Overlay(String name, List<JsonNode> objects) {
        this.name = name;
        this.objects = objects;
    }

    static Overlay named(String name) {
        return RENDERED.computeIfAbsent(name, Overlay::render);
    }

    static List<String> names() {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("k8s/overlays"))) {
            return dirs.filter(Files::isDirectory)
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean kubectlAvailable() {
        return KUBECTL;
    }

    private static boolean probeKubectl() {
        try {
            return new ProcessBuilder("kubectl", "version", "--client")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .toList();
    }

    /** The object of that kind and name; a ConfigMap matches with kustomize's hash suffix too. */
    JsonNode one(String kind, String objectName) {
        List<JsonNode> found = ofKind(kind).stream()
                .filter(o -> {
                    String actual = o.path("metadata").path("name").asText();
                    return actual.equals(objectName) || kind.equals("ConfigMap") && actual.startsWith(objectName + "-");
                })
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(name + ": expected one " + kind + " " + objectName + ", found " + found.size());
        }
        return found.get(0);
    }

    JsonNode gatewayPod() {
        return one("Deployment", GATEWAY).path("spec").path("template");
    }

    JsonNode gatewayContainer() {
        for (JsonNode container : gatewayPod().path("spec").path("containers")) {
            if (container.path("name").asText().equals("gateway")) {
                return container;
            }
        }
        throw new AssertionError(name + ": no container named gateway");
    }

    String namespace() {
        return one("Deployment", GATEWAY).path("metadata").path("namespace").asText();
    }

    /** The gateway container's env; values from Secrets read as {@link #FROM_SECRET}. */
    Map<String, String> gatewayEnv() {
        Map<String, String> env = new HashMap<>();
        for (JsonNode variable : gatewayContainer().path("env")) {
            JsonNode value = variable.get("value");
            boolean fromSecret = variable.path("valueFrom").has("secretKeyRef");
            if (value != null || fromSecret) {
                env.put(variable.path("name").asText(), fromSecret ? FROM_SECRET : value.asText());
            }
        }
        return env;
    }

    /** The gateway config as the node reads it from the mounted ConfigMap. */
    GatewayConfig gatewayConfig() {
        if (config == null) {
            config = loadGatewayConfig();
        }
        return config;
    }

    private GatewayConfig loadGatewayConfig() {
        String text = one("ConfigMap", "freeway-config")
                .path("data")
                .path("freeway.yaml")
                .asText();
        try {
            Path file = Files.createTempFile("freeway-" + name, ".yaml");
            try {
                Files.writeString(file, text);
                return new ConfigLoader(gatewayEnv()).load(file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The container port a probe, Service or policy names, by name or number; -1 if not declared. */
    static int containerPort(JsonNode container, JsonNode port) {
        for (JsonNode declared : container.path("ports")) {
            if (port.isInt() && declared.path("containerPort").asInt() == port.asInt()
                    || port.isTextual() && declared.path("name").asText().equals(port.asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        return -1;
    }

    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Overlay render(String name) {
        try {
            File errors = File.createTempFile("kustomize", ".err");
            try {
                Process kubectl = new ProcessBuilder("kubectl", "kustomize", "k8s/overlays/" + name)
                        .directory(ROOT.toFile())
                        .redirectError(errors)
                        .start();
                String rendered = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (kubectl.waitFor() != 0) {
                    throw new AssertionError(
                            "kubectl kustomize k8s/overlays/" + name + " failed: " + Files.readString(errors.toPath()));
                }
                List<JsonNode> objects = new ArrayList<>();
                YAML.readerFor(JsonNode.class).readValues(rendered).forEachRemaining(o -> objects.add((JsonNode) o));
                return new Overlay(name, List.copyOf(objects));
            } finally {
                Files.delete(errors.toPath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The module runs its tests from gateway-node/; the repository root is the first parent with k8s/. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("k8s/overlays"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no k8s/overlays above " + Path.of("").toAbsolutePath());
    }
}
