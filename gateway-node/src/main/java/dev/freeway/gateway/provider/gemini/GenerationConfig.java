package dev.freeway.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * OpenAI sampling, length, output-format and reasoning options as Gemini's
 * {@code generationConfig}. Options Gemini has no field for ({@code logit_bias}, {@code logprobs},
 * {@code user}, {@code store}...) are not carried.
 */
final class GenerationConfig {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> SAME_MEANING = Map.of(
            "temperature", "temperature",
            "top_p", "topP",
            "n", "candidateCount",
            "seed", "seed",
            "presence_penalty", "presencePenalty",
            "frequency_penalty", "frequencyPenalty");
    private static final Map<String, Integer> THINKING_BUDGETS = Map.of(
            "none", 0,
            "minimal", 0,
            "low", 1024,
            "medium", 8192,
            "high", 24576);

    private GenerationConfig() {}

    /**
     * @param declaresFunctions whether the request declares functions: Gemini refuses a JSON
     *     response type together with function calling, so {@code response_format} is then dropped
     * @return the config, empty when the request sets nothing
     */
    static ObjectNode of(JsonNode request, boolean declaresFunctions, boolean gemma) {
        ObjectNode config = NODES.objectNode();
        SAME_MEANING.forEach((openAi, gemini) -> {
            JsonNode value = request.path(openAi);
            if (value.isNumber()) {
                config.set(gemini, value);
            }
        });
        JsonNode maxTokens = request.path("max_completion_tokens").isNumber()
                ? request.path("max_completion_tokens")
                : request.path("max_tokens");
        if (maxTokens.isNumber()) {
            config.set("maxOutputTokens", maxTokens);
        }
        addStop(config, request.path("stop"));
        if (!declaresFunctions) {
            addResponseFormat(config, request.path("response_format"));
        }
        Integer budget = THINKING_BUDGETS.get(request.path("reasoning_effort").asText());
        if (budget != null && !gemma) {
            config.putObject("thinkingConfig").put("thinkingBudget", budget);
        }
        return config;
    }

    private static void addStop(ObjectNode config, JsonNode stop) {
        ArrayNode sequences = NODES.arrayNode();
        if (stop.isTextual()) {
            sequences.add(stop.asText());
        } else {
            stop.forEach(sequence -> {
                if (sequence.isTextual()) {
                    sequences.add(sequence.asText());
                }
            });
        }
        if (!sequences.isEmpty()) {
            config.set("stopSequences", sequences);
        }
    }

    private static void addResponseFormat(ObjectNode config, JsonNode format) {
        switch (format.path("type").asText()) {
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                JsonNode schema = format.path("json_schema").path("schema");
                if (schema.isObject()) {
                    config.set("responseJsonSchema", JsonSchemaCleaner.clean(schema));
                }
            }
            default -> {}
        }
    }
}
