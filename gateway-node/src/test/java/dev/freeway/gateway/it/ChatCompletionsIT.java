package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.RawHttp;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The happy paths, driven by the official OpenAI Java SDK against simulated providers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChatCompletionsIT {
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private ProviderSimulator alpha;
    private ProviderSimulator beta;
    private TestNode node;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        alpha = simulators.start("alpha");
        beta = simulators.start("beta");
        node = TestNode.start(
                TestConfigs.builder()
                        .provider("alpha", alpha.baseUrl(), "alpha-key-0001")
                        .provider("beta", beta.baseUrl(), "beta-key-0001")
                        .model("chat-large", "alpha", 80)
                        .model("chat-small", "beta", 40)
                        .model("chat-large", "beta", 30)
                        .build(),
                clock);
        client = node.client();
    }

    @AfterAll
    void stop() {
        node.close();
        simulators.close();
    }

    private static ChatCompletionCreateParams.Builder ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text);
    }

    @Test
    void answers_a_non_streaming_request_with_routing_headers() {
        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ask("auto", "What is Freeway?").build());

        ChatCompletion completion = raw.parse();
        assertThat(completion.choices().get(0).message().content()).hasValue("Hello from alpha: What is Freeway?");
        assertThat(completion.usage()).isPresent();
        assertThat(raw.headers().values("X-Routed-Via")).containsExactly("alpha/chat-large");
        assertThat(raw.headers().values("X-Fallback-Attempts")).containsExactly("0");
        assertThat(raw.headers().values("X-Request-Id"))
                .singleElement()
                .asString()
                .isNotBlank();
        assertThat(alpha.stats().requestsByKey()).containsKey("alpha-key-0001");
    }

    @Test
    void serves_a_model_id_from_every_provider_and_pins_provider_slash_model() {
        HttpResponseFor<ChatCompletion> pinned = client.chat()
                .completions()
                .withRawResponse()
                .create(ask("beta/chat-large", "pin me").build());
        assertThat(pinned.headers().values("X-Routed-Via")).containsExactly("beta/chat-large");
        assertThat(pinned.parse().choices().get(0).message().content()).hasValue("Hello from beta: pin me");

        HttpResponseFor<ChatCompletion> small = client.chat()
                .completions()
                .withRawResponse()
                .create(ask("chat-small", "small").build());
        assertThat(small.headers().values("X-Routed-Via")).containsExactly("beta/chat-small");
    }

    @Test
    void streams_chunks_in_order_with_headers_before_the_first_chunk() {
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = client.chat()
                .completions()
                .withRawResponse()
                .createStreaming(ask("auto", "Stream this please").build());
        assertThat(raw.headers().values("X-Routed-Via")).containsExactly("alpha/chat-large");

        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
            });
        }
        assertThat(text.toString()).startsWith("Hello from alpha: Stream this please");
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.usage()).isEmpty());
        assertThat(chunks.get(chunks.size() - 1).choices().get(0).finishReason())
                .isPresent();
    }

    @Test
    void a_stream_without_include_usage_carries_no_usage_field_at_all() {
        HttpResponse<String> response = RawHttp.post(
                node.baseUrl() + "/chat/completions",
                TestConfigs.CLIENT_KEY,
                "{\"model\":\"auto\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.body())
                .contains("chat.completion.chunk")
                .doesNotContain("usage")
                .endsWith("data: [DONE]\n\n");
    }

    @Test
    void streams_the_usage_chunk_only_when_the_client_asks_for_it() {
        ChatCompletionCreateParams params = ask("auto", "count my tokens")
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunks::add);
        }
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage())
                .hasValueSatisfying(usage -> assertThat(usage.promptTokens()).isPositive());
    }

    @Test
    void passes_tools_through_and_returns_tool_calls() {
        ChatCompletionFunctionTool weather = ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("get_weather")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .build())
                        .build())
                .build();
        ChatCompletion completion = client.chat()
                .completions()
                .create(ask("auto", "Weather in Paris?").addTool(weather).build());

        var call =
                completion.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
        assertThat(call.asFunction().function().arguments()).contains("Paris");
        assertThat(completion.choices().get(0).finishReason()).hasToString("tool_calls");

        StringBuilder arguments = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(
                        ask("auto", "Weather in Paris?").addTool(weather).build())) {
            stream.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .flatMap(choice -> choice.delta().toolCalls().stream().flatMap(List::stream))
                    .forEach(delta ->
                            delta.function().flatMap(f -> f.arguments()).ifPresent(arguments::append));
        }
        assertThat(arguments.toString()).isEqualTo(call.asFunction().function().arguments());
    }

    @Test
    void lists_auto_and_every_served_model() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();
        assertThat(ids).containsExactly("auto", "chat-large", "chat-small");
    }
}
