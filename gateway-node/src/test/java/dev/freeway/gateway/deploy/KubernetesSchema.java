package dev.freeway.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates an object offline against the Kubernetes 1.32 OpenAPI schema as generated into the
 * official Java client's models ({@code io.kubernetes:client-java-api} 23.x). Two passes: the
 * models' {@code validateJsonElement} rejects unknown fields and missing required ones at every
 * level; then the object is read into its model and written back, and any value that does not come
 * back the same had the wrong type (Gson quietly turns {@code "3"} into 3 and 80 into {@code "80"},
 * which the API server would refuse).
 */
final class KubernetesSchema {
    /** The kinds the overlays render; anything else is reported rather than passed unchecked. */
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", V1Namespace.class),
            Map.entry("v1/ServiceAccount", V1ServiceAccount.class),
            Map.entry("v1/ConfigMap", V1ConfigMap.class),
            Map.entry("v1/Service", V1Service.class),
            Map.entry("apps/v1/Deployment", V1Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class));

    private KubernetesSchema() {}

    /** What is wrong with the object; empty when it is valid. */
    static List<String> problems(JsonNode object) {
        String type =
                object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String where = type + " " + object.path("metadata").path("name").asText();
        Class<?> model = MODELS.get(type);
        if (model == null) {
            return List.of(where + ": no schema for this apiVersion and kind in KubernetesSchema");
        }
        JsonElement json = JsonParser.parseString(object.toString());
        try {
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
        } catch (InvocationTargetException e) {
            return List.of(where + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model + " has no validateJsonElement", e);
        }
        JsonElement back;
        try {
            back = JSON.getGson().toJsonTree(JSON.getGson().fromJson(json, model));
        } catch (RuntimeException e) {
            return List.of(where + ": does not read as " + model.getSimpleName() + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        compare(where + " at ", json, back, problems);
        return problems;
    }

    private static void compare(String path, JsonElement written, JsonElement read, List<String> problems) {
        if (written.isJsonNull()) {
            return;
        }
        if (written.isJsonObject() && read.isJsonObject()) {
            JsonObject readObject = read.getAsJsonObject();
            written.getAsJsonObject()
                    .entrySet()
                    .forEach(field -> compare(
                            path + "." + field.getKey(),
                            field.getValue(),
                            readObject.has(field.getKey())
                                    ? readObject.get(field.getKey())
                                    : JsonParser.parseString("null"),
                            problems));
        } else if (written.isJsonArray()
                && read.isJsonArray()
                && written.getAsJsonArray().size() == read.getAsJsonArray().size()) {
            for (int i = 0; i < written.getAsJsonArray().size(); i++) {
                compare(
                        path + "[" + i + "]",
                        written.getAsJsonArray().get(i),
                        read.getAsJsonArray().get(i),
                        problems);
            }
        } else if (!written.equals(read) && !sameQuantity(written, read)) {
            problems.add(path + ": " + written + " reads back as " + read + " (wrong type)");
        }
    }

    /** Quantities are normalised on the way back ("0.5" becomes "500m"); equal amounts are fine. */
    private static boolean sameQuantity(JsonElement written, JsonElement read) {
        if (!written.isJsonPrimitive()
                || !read.isJsonPrimitive()
                || !written.getAsJsonPrimitive().isString()
                || !read.getAsJsonPrimitive().isString()) {
            return false;
        }
        try {
            return Quantity.fromString(written.getAsString()).equals(Quantity.fromString(read.getAsString()));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
