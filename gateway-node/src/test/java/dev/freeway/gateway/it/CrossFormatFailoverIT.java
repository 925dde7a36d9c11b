package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.freeway.gateway.config.RoutingConfig;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ApiFormat;
import dev.freeway.loadtest.simulator.FailureMode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failover across wire formats, end to end with the OpenAI Java SDK: a Gemini-format, an
 * Anthropic-format and an OpenAI-format upstream (each a real simulator speaking that platform's
 * own protocol) serve one model, and whichever serves, the client reads one ordinary OpenAI stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CrossFormatFailoverIT {
    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private ProviderSimulator gemini;
    private ProviderSimulator anthropic;
    private ProviderSimulator openai;
    private ProviderSimulator cohere;
    private TestNode node;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        gemini = simulators.start("gemini");
        anthropic = simulators.start("anthropic");
        openai = simulators.start("openai");
        cohere = simulators.start("cohere");
        node = TestNode.start(
                TestConfigs.builder()
                        .timeouts(1_000, 2_000, 2_000)
                        .provider("gem", "gemini", gemini.baseUrl(ApiFormat.GEMINI), List.of("gem-key-000001"))
                        .provider("ant", "anthropic", anthropic.baseUrl(ApiFormat.ANTHROPIC), List.of("ant-key-000001"))
                        .provider("oai", "openai", openai.baseUrl(), List.of("oai-key-000001"))
                        .provider("coh", "cohere", cohere.baseUrl(ApiFormat.COHERE), List.of("coh-key-000001"))
                        .model("weather", "gem", 90)
                        .model("weather", "ant", 80)
                        .model("weather", "oai", 70)
                        .model("weather", "coh", 60)
                        .routing(new RoutingConfig(null, null, null, null, 0, null, null, null))
                        .build(),
                clock);
        client = node.client();
    }

    @BeforeEach
    void everyoneHealthy() {
        clock.advance(Duration.ofHours(1));
        simulators.all().forEach(s -> s.failureMode(FailureMode.NONE));
    }

    @AfterAll
    void stop() {
        node.close();
        simulators.close();
    }

    private static ChatCompletionCreateParams askForWeather(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addSystemMessage("You answer with tools.")
                .addUserMessage("What is the weather in Paris?")
                .addTool(ChatCompletionFunctionTool.builder()
                        .function(FunctionDefinition.builder()
                                .name("get_weather")
                                .description("Current weather of a city")
                                .parameters(FunctionParameters.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .putAdditionalProperty(
                                                "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                        .build())
                                .build())
                        .build())
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
    }

    private record Streamed(ChatCompletion completion, String routedVia, String fallbacks, int chunks) {}

    private Streamed stream(String model) {
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw =
                client.chat().completions().withRawResponse().createStreaming(askForWeather(model));
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        int chunks;
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            chunks = (int) stream.stream().peek(accumulator::accumulate).count();
        }
        return new Streamed(
                accumulator.chatCompletion(),
                raw.headers().values("X-Routed-Via").get(0),
                raw.headers().values("X-Fallback-Attempts").get(0),
                chunks);
    }

    private static void assertWeatherToolCall(ChatCompletion completion) throws Exception {
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        List<ChatCompletionMessageFunctionToolCall> calls = choice.message().toolCalls().orElseThrow().stream()
                .map(call -> call.asFunction())
                .toList();
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.id()).isNotBlank();
            assertThat(call.function().name()).isEqualTo("get_weather");
        });
        JsonNode arguments = Json.MAPPER.readTree(calls.get(0).function().arguments());
        assertThat(arguments.path("city").asText()).isEqualTo("Paris");
        assertThat(completion.usage()).hasValueSatisfying(usage -> {
            assertThat(usage.promptTokens()).isPositive();
            assertThat(usage.completionTokens()).isPositive();
        });
    }

    @Test
    void a_streamed_tool_call_fails_over_from_gemini_to_anthropic_to_openai_format() throws Exception {
        gemini.failureMode(FailureMode.ALWAYS_429);
        anthropic.failureMode(FailureMode.ERROR_503);
        long geminiBefore = gemini.stats().totalRequests();
        long anthropicBefore = anthropic.stats().totalRequests();

        Streamed streamed = stream("weather");

        assertWeatherToolCall(streamed.completion());
        assertThat(streamed.routedVia()).isEqualTo("oai/weather");
        assertThat(streamed.fallbacks()).isEqualTo("2");
        assertThat(gemini.stats().totalRequests() - geminiBefore).isEqualTo(1);
        assertThat(anthropic.stats().totalRequests() - anthropicBefore).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gem", "ant", "oai", "coh"})
    void every_format_streams_a_tool_call_as_one_ordinary_openai_stream(String provider) throws Exception {
        Streamed streamed = stream(provider + "/weather");

        assertWeatherToolCall(streamed.completion());
        assertThat(streamed.routedVia()).isEqualTo(provider + "/weather");
        assertThat(streamed.fallbacks()).isEqualTo("0");
        assertThat(streamed.chunks()).isGreaterThan(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gem", "ant", "oai", "coh"})
    void every_format_answers_a_tool_call_as_one_chat_completion(String provider) throws Exception {
        ChatCompletion completion = client.chat().completions().create(askForWeather(provider + "/weather"));

        assertWeatherToolCall(completion);
    }

    @Test
    void a_tool_result_goes_back_through_another_format_and_the_model_answers_in_text() {
        ChatCompletionCreateParams first = askForWeather("gem/weather");
        ChatCompletion call = client.chat().completions().create(first);
        ChatCompletionMessageFunctionToolCall toolCall =
                call.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();

        ChatCompletion answer = client.chat()
                .completions()
                .create(first.toBuilder()
                        .model("ant/weather")
                        .addMessage(call.choices().get(0).message())
                        .addMessage(com.openai.models.chat.completions.ChatCompletionToolMessageParam.builder()
                                .toolCallId(toolCall.id())
                                .content("{\"temperature_c\":18}")
                                .build())
                        .build());

        assertThat(answer.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(answer.choices().get(0).message().content())
                .hasValueSatisfying(text -> assertThat(text).isNotBlank());
    }

    @Test
    void an_overloaded_platform_is_retried_elsewhere_without_benching_its_key() {
        anthropic.failureMode(FailureMode.ERROR_503);
        gemini.failureMode(FailureMode.ALWAYS_429);
        stream("weather");
        anthropic.failureMode(FailureMode.NONE);
        gemini.failureMode(FailureMode.NONE);

        Streamed next = stream("ant/weather");

        assertThat(next.routedVia()).isEqualTo("ant/weather");
    }
}
