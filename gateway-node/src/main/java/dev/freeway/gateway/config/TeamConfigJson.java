package dev.freeway.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A team's settings as JSON, in the config file's names ({@code daily_tokens}, {@code
 * exclude_terms}), for the admin API and the cluster's team table; read with the config's
 * strictness (unknown keys refused) and checks.
 */
public final class TeamConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private TeamConfigJson() {}

    /** The settings in {@code tree}, or a ConfigException whose messages start with the key's path. */
    public static TeamConfig read(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new ConfigException("team: expected a JSON object");
        }
        TeamConfig team;
        try {
            team = MAPPER.treeToValue(tree, TeamConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(ConfigLoader.path(e) + ": unknown key");
        } catch (JsonMappingException e) {
            throw new ConfigException(
                    ConfigLoader.path(e) + ": " + e.getOriginalMessage().replaceAll("\\s+at \\[.*", ""));
        } catch (JsonProcessingException e) {
            throw new ConfigException("team: not valid JSON");
        }
        List<String> problems = new ArrayList<>(TeamChecks.problems("team", team));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return team;
    }

    public static ObjectNode write(TeamConfig team) {
        return MAPPER.valueToTree(team);
    }
}
