package dev.freeway.loadtest.simulator;

import static dev.freeway.loadtest.simulator.SimClient.fieldNames;
import static dev.freeway.loadtest.simulator.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingTest {
    private static final String QUESTION = "What is the capital of France?";

    @Test
    void streamsOneChunkPerWordThenFinishUsageAndDone() {
        Duration interval = Duration.ofMillis(5);
        try (ProviderSimulator simulator =
                ProviderSimulator.start(SimulatorOptions.defaults().withStreamChunkInterval(interval))) {
            long start = System.nanoTime();
            HttpResponse<String> response = new SimClient(simulator)
                    .chat("{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}]}");
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
            List<JsonNode> chunks = chunks(response.body());
            String content = "Hello from sim: " + QUESTION;
            int words = content.split(" ").length;
            assertThat(chunks).hasSize(1 + words + 2);
            assertThat(elapsed)
                    .as("each word waits for the chunk interval")
                    .isGreaterThanOrEqualTo(interval.multipliedBy(words));

            String id = chunks.get(0).get("id").asText();
            for (JsonNode chunk : chunks) {
                assertThat(fieldNames(chunk))
                        .containsExactly("id", "object", "created", "model", "system_fingerprint", "choices", "usage");
                assertThat(chunk.get("id").asText()).isEqualTo(id);
                assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
                assertThat(chunk.get("model").asText()).isEqualTo("gpt-4o");
                assertThat(chunk.get("system_fingerprint").asText()).isEqualTo("fp_sim");
            }

            JsonNode first = chunks.get(0);
            assertThat(first.get("choices"))
                    .isEqualTo(json("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                            + "\"logprobs\":null,\"finish_reason\":null}]"));
            assertThat(first.get("usage").isNull()).isTrue();

            StringBuilder streamed = new StringBuilder();
            for (JsonNode chunk : chunks.subList(1, 1 + words)) {
                JsonNode delta = chunk.at("/choices/0/delta");
                assertThat(fieldNames(delta)).containsExactly("content");
                assertThat(chunk.at("/choices/0/finish_reason").isNull()).isTrue();
                streamed.append(delta.get("content").asText());
            }
            assertThat(streamed.toString()).isEqualTo(content);
            assertThat(chunks.get(1).at("/choices/0/delta/content").asText()).isEqualTo("Hello ");

            JsonNode finish = chunks.get(words + 1);
            assertThat(finish.get("choices"))
                    .isEqualTo(json("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]"));
            assertThat(finish.get("usage").isNull()).isTrue();

            JsonNode usage = chunks.get(words + 2);
            assertThat(usage.get("choices")).isEmpty();
            assertThat(usage.get("usage"))
                    .isEqualTo(json("{\"prompt_tokens\":12,\"completion_tokens\":" + words + ",\"total_tokens\":"
                            + (12 + words) + "}"));
            assertThat(simulator.stats().succeeded()).isEqualTo(1);
        }
    }

    @Test
    void streamsWithoutUsageUnlessAsked() {
        try (ProviderSimulator simulator = ProviderSimulator.start(SimulatorOptions.defaults())) {
            List<JsonNode> chunks = chunks(new SimClient(simulator)
                    .chat("{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .body());

            assertThat(chunks).hasSize(1 + 4 + 1);
            assertThat(chunks)
                    .allSatisfy(chunk -> assertThat(chunk.has("usage")).isFalse());
            assertThat(chunks.get(chunks.size() - 1)
                            .at("/choices/0/finish_reason")
                            .asText())
                    .isEqualTo("stop");
        }
    }

    @Test
    void streamsToolCallsAsAHeaderThenArgumentFragments() {
        try (ProviderSimulator simulator = ProviderSimulator.start(SimulatorOptions.defaults())) {
            List<JsonNode> chunks = chunks(new SimClient(simulator)
                    .chat(
                            "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}],"
                                    + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]}")
                    .body());

            String sequence = chunks.get(0).get("id").asText().substring("chatcmpl-sim-".length());
            assertThat(chunks.get(0).at("/choices/0/delta"))
                    .isEqualTo(json("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
                            + "\"id\":\"call_sim_" + sequence + "\",\"type\":\"function\","
                            + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}"));

            StringBuilder arguments = new StringBuilder();
            for (JsonNode chunk : chunks.subList(1, chunks.size() - 1)) {
                JsonNode call = chunk.at("/choices/0/delta/tool_calls/0");
                assertThat(fieldNames(call)).containsExactly("index", "function");
                assertThat(fieldNames(call.get("function"))).containsExactly("arguments");
                arguments.append(call.at("/function/arguments").asText());
            }
            assertThat(arguments.toString()).isEqualTo("{\"city\":\"Paris\"}");
            assertThat(chunks.get(chunks.size() - 1)
                            .at("/choices/0/finish_reason")
                            .asText())
                    .isEqualTo("tool_calls");
        }
    }

    /** Checks the SSE framing and returns the JSON chunks before {@code [DONE]}. */
    static List<JsonNode> chunks(String body) {
        assertThat(body).endsWith("\n\ndata: [DONE]\n\n");
        List<String> events = Arrays.asList(body.split("\n\n"));
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : events.subList(0, events.size() - 1)) {
            assertThat(event).startsWith("data: ").doesNotContain("\n");
            chunks.add(json(event.substring("data: ".length())));
        }
        return chunks;
    }
}
