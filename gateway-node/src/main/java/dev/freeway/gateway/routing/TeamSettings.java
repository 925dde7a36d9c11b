package dev.freeway.gateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.config.TeamConfigJson;
import dev.freeway.gateway.json.Json;

/**
 * A team's settings as the admin API last set them, as stored in the cluster's team table.
 *
 * @param revision the change's time in epoch milliseconds, above any earlier revision of the team:
 *     a late event never undoes a newer change, and shared buckets take a changed quota in order
 */
public record TeamSettings(TeamConfig config, long revision) {

    public String encode() {
        return Json.MAPPER
                .createObjectNode()
                .put("revision", revision)
                .set("settings", TeamConfigJson.write(config))
                .toString();
    }

    /** The settings in {@code text}; IllegalArgumentException when they cannot be read. */
    public static TeamSettings decode(String text) {
        try {
            JsonNode tree = Json.MAPPER.readTree(text);
            long revision = tree.path("revision").asLong(0);
            if (revision <= 0) {
                throw new IllegalArgumentException("team settings without a revision");
            }
            return new TeamSettings(TeamConfigJson.read(tree.path("settings")), revision);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("team settings are not JSON");
        }
    }
}
