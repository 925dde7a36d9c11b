package dev.freeway.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** Where the gateway pod's token for Vault's Kubernetes auth comes from: a projected service-account token. */
final class VaultToken {
    private VaultToken() {}

    /** The audience of the projected token mounted in the gateway container at {@code jwtPath}; null if none is. */
    static String audienceOfMounted(Overlay overlay, String jwtPath) {
        Path file = Path.of(jwtPath);
        for (JsonNode mount : overlay.gatewayContainer().path("volumeMounts")) {
            if (Path.of(mount.path("mountPath").asText()).equals(file.getParent())) {
                JsonNode token = projectedToken(overlay, mount.path("name").asText());
                if (token != null
                        && token.path("path").asText().equals(file.getFileName().toString())) {
                    return token.path("audience").asText(null);
                }
            }
        }
        return null;
    }

    /** The audience of the projected token in the pod volume of that name; null if it is none. */
    static String audienceOfVolume(Overlay overlay, String volume) {
        JsonNode token = projectedToken(overlay, volume);
        return token == null ? null : token.path("audience").asText(null);
    }

    private static JsonNode projectedToken(Overlay overlay, String volume) {
        for (JsonNode candidate : overlay.gatewayPod().path("spec").path("volumes")) {
            if (candidate.path("name").asText().equals(volume)) {
                for (JsonNode source : candidate.path("projected").path("sources")) {
                    if (source.has("serviceAccountToken")) {
                        return source.path("serviceAccountToken");
                    }
                }
            }
        }
        return null;
    }
}
