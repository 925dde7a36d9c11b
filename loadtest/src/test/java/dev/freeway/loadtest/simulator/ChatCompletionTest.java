package dev.freeway.loadtest.simulator;

import static dev.freeway.loadtest.simulator.SimClient.fieldNames;
import static dev.freeway.loadtest.simulator.SimClient.json;
import static dev.freeway.loadtest.simulator.SimClient.userMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChatCompletionTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String TOOLS = "\"tools\":["
            + "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}},"
            + "{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}]";

    private static ProviderSimulator simulator;
    private static SimClient client;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start(SimulatorOptions.defaults()
                .withName("groq")
                .withModels(List.of("llama", "mixtral"))
                .withClock(new MutableClock(NOW)));
        client = new SimClient(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void answersInTheExactChatCompletionShape() {
        HttpResponse<String> response = client.chat("{\"model\":\"gpt-4o-mini\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are helpful.\"},"
                + "{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode body = json(response.body());
        assertThat(fieldNames(body))
                .containsExactly("id", "object", "created", "model", "system_fingerprint", "choices", "usage");
        assertThat(body.get("id").asText()).matches("chatcmpl-sim-\\d+");
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("created").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("system_fingerprint").asText()).isEqualTo("fp_sim");

        assertThat(body.get("choices")).hasSize(1);
        JsonNode choice = body.get("choices").get(0);
        assertThat(fieldNames(choice)).containsExactly("index", "message", "logprobs", "finish_reason");
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.get("logprobs").isNull()).isTrue();
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        assertThat(choice.get("message"))
                .isEqualTo(
                        json("{\"role\":\"assistant\",\"content\":\"Hello from groq: What is the capital of France?\","
                                + "\"refusal\":null}"));

        // 46 characters in two messages: ceil(46 / 4) + 2 * 4; nine words answered.
        assertThat(body.get("usage"))
                .isEqualTo(json("{\"prompt_tokens\":20,\"completion_tokens\":9,\"total_tokens\":29}"));
    }

    @Test
    void echoesTheFirstFortyCharactersOfTheLastUserMessageFromTextParts() {
        JsonNode body = json(client.chat("{\"model\":\"m\",\"messages\":["
                        + "{\"role\":\"user\",\"content\":\"an earlier question\"},"
                        + "{\"role\":\"assistant\",\"content\":\"an answer\"},"
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"The quick brown fox \"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}},"
                        + "{\"type\":\"text\",\"text\":\"jumps over the lazy dog again and again\"}]}]}")
                .body());

        assertThat(body.at("/choices/0/message/content").asText())
                .isEqualTo("Hello from groq: The quick brown fox jumps over the lazy ");
    }

    @Test
    void callsTheFirstToolUnlessToolChoiceNamesAnother() {
        JsonNode body = json(client.chat(
                        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]," + TOOLS + "}")
                .body());

        JsonNode choice = body.at("/choices/0");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode message = choice.get("message");
        assertThat(fieldNames(message)).containsExactly("role", "content", "refusal", "tool_calls");
        assertThat(message.get("content").isNull()).isTrue();
        String sequence = body.get("id").asText().substring("chatcmpl-sim-".length());
        assertThat(message.get("tool_calls"))
                .isEqualTo(json("[{\"id\":\"call_sim_" + sequence + "\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]"));

        JsonNode chosen = json(client.chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"time?\"}],"
                        + TOOLS + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}}")
                .body());
        assertThat(chosen.at("/choices/0/message/tool_calls/0/function/name").asText())
                .isEqualTo("get_time");

        JsonNode none = json(client.chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + TOOLS + ",\"tool_choice\":\"none\"}")
                .body());
        assertThat(none.at("/choices/0/message/content").asText()).isEqualTo("Hello from groq: hi");
    }

    @Test
    void answersAToolResultWithText() {
        JsonNode body = json(client.chat("{\"model\":\"m\",\"messages\":["
                        + "{\"role\":\"user\",\"content\":\"weather?\"},"
                        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
                        + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},"
                        + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"18C and sunny\"}],"
                        + TOOLS + "}")
                .body());

        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/choices/0/message/content").asText())
                .isEqualTo("Hello from groq: tool said 18C and sunny");
    }

    @Test
    void rejectsMalformedJsonAndMissingMessagesWithOpenAiErrors() {
        HttpResponse<String> malformed = client.chat("{\"model\":\"m\",\"messages\":[");
        assertThat(malformed.statusCode()).isEqualTo(400);
        JsonNode error = json(malformed.body()).get("error");
        assertThat(fieldNames(error)).containsExactly("message", "type", "param", "code");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(error.get("code").asText()).isEqualTo("invalid_json");

        HttpResponse<String> missing = client.chat("{\"model\":\"m\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing.body()).at("/error/param").asText()).isEqualTo("messages");

        HttpResponse<String> empty = client.chat("{\"model\":\"m\",\"messages\":[]}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty.body()).at("/error/param").asText()).isEqualTo("messages");
    }

    @Test
    void requiresABearerKey() {
        HttpResponse<String> response = client.chat(null, userMessage("hi"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void listsTheConfiguredModels() {
        HttpResponse<String> response = client.get("/v1/models");

        assertThat(response.statusCode()).isEqualTo(200);
        long created = NOW.getEpochSecond();
        assertThat(json(response.body()))
                .isEqualTo(json("{\"object\":\"list\",\"data\":["
                        + "{\"id\":\"llama\",\"object\":\"model\",\"created\":" + created + ",\"owned_by\":\"groq\"},"
                        + "{\"id\":\"mixtral\",\"object\":\"model\",\"created\":" + created
                        + ",\"owned_by\":\"groq\"}]}"));
    }

    @Test
    void stopsTheTextAtMaxTokensWithFinishReasonLength() {
        JsonNode body = json(client.chat("{\"model\":\"m\",\"max_tokens\":3,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}")
                .body());

        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello from groq:");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void unknownRoutesAreNotFound() {
        HttpResponse<String> response = client.get("/v1/chat/completions");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }
}
