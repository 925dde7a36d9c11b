package dev.freeway.gateway.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.wire.ErrorReading;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenAI-compatible family's error bodies, platform by platform, as their own messages word them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpenAiErrorReaderTest {
    private static final String CLOUDFLARE_NEURONS = "{\"success\":false,\"result\":null,\"messages\":[],"
            + "\"errors\":[{\"code\":4006,\"message\":\"AiError: you have used up your daily free allocation of"
            + " 10,000 neurons, please upgrade to Cloudflare's Workers Paid plan if you would like to continue"
            + " usage.\"}]}";

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ErrorReading read(int status, String body) {
        return OpenAiErrorReader.read(status, json(body));
    }

    private static String openAiError(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":\"" + code + "\"}}";
    }

    private static String groq(String limit) {
        return openAiError(
                "Rate limit reached for model `llama-3.3-70b-versatile` in organization `org_01` service tier"
                        + " `on_demand` on " + limit + ": Limit 6000, Used 5000, Requested 1500."
                        + " Please try again in 5.1s.",
                "tokens",
                "rate_limit_exceeded");
    }

    @Test
    void groq_tokens_per_minute_is_a_minute_limit() {
        ErrorReading reading = read(429, groq("tokens per minute (TPM)"));

        assertThat(reading.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(reading.axis()).isEqualTo(Axis.MINUTE);
        assertThat(reading.message()).startsWith("Rate limit reached for model");
    }

    @Test
    void groq_requests_per_day_is_a_day_limit() {
        assertThat(read(429, groq("requests per day (RPD)")).axis()).isEqualTo(Axis.DAY);
    }

    @Test
    void groq_tokens_per_day_is_a_day_limit() {
        assertThat(read(429, groq("tokens per day (TPD)")).axis()).isEqualTo(Axis.DAY);
    }

    @ParameterizedTest
    @CsvSource({"(RPM), MINUTE", "(TPM), MINUTE", "(RPD), DAY", "(TPD), DAY"})
    void the_bare_abbreviation_names_the_axis(String abbreviation, Axis axis) {
        assertThat(read(429, openAiError("Limit reached " + abbreviation + ".", "x", "y"))
                        .axis())
                .isEqualTo(axis);
    }

    @Test
    void openrouter_free_models_per_day_is_a_day_limit() {
        ErrorReading reading = read(
                429,
                "{\"error\":{\"message\":\"Rate limit exceeded: free-models-per-day. Add 10 credits to unlock"
                        + " 1000 free model requests per day\",\"code\":429,"
                        + "\"metadata\":{\"headers\":{\"X-RateLimit-Limit\":\"50\"}}}}");

        assertThat(reading.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(reading.axis()).isEqualTo(Axis.DAY);
    }

    @Test
    void openrouter_free_models_per_minute_is_a_minute_limit() {
        assertThat(read(429, "{\"error\":{\"message\":\"Rate limit exceeded: free-models-per-min.\",\"code\":429}}")
                        .axis())
                .isEqualTo(Axis.MINUTE);
    }

    @Test
    void github_user_by_model_by_day_is_a_day_limit() {
        ErrorReading reading = read(
                429,
                openAiError(
                        "Rate limit of 150 per 86400s exceeded for UserByModelByDay. Please wait 3600 seconds before"
                                + " retrying.",
                        "rate_limit",
                        "RateLimitReached"));

        assertThat(reading.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(reading.axis()).isEqualTo(Axis.DAY);
    }

    @Test
    void github_user_by_model_by_minute_is_a_minute_limit() {
        assertThat(read(
                                429,
                                openAiError(
                                        "Rate limit of 15 per 60s exceeded for UserByModelByMinute.",
                                        "rate_limit",
                                        "RateLimitReached"))
                        .axis())
                .isEqualTo(Axis.MINUTE);
    }

    @Test
    void a_monthly_limit_is_a_month_limit() {
        assertThat(read(429, openAiError("You exceeded your monthly included credits.", "x", "y"))
                        .axis())
                .isEqualTo(Axis.MONTH);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 403})
    void openai_insufficient_quota_is_out_of_credit_whatever_the_status(int status) {
        ErrorReading reading = read(
                status,
                openAiError(
                        "You exceeded your current quota, please check your plan and billing details.",
                        "insufficient_quota",
                        "insufficient_quota"));

        assertThat(reading.kind()).isEqualTo(Kind.OUT_OF_CREDIT);
        assertThat(reading.axis()).isEqualTo(Axis.UNKNOWN);
    }

    @Test
    void insufficient_quota_in_the_type_alone_is_out_of_credit() {
        assertThat(read(429, "{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\",\"code\":null}}")
                        .kind())
                .isEqualTo(Kind.OUT_OF_CREDIT);
    }

    @ParameterizedTest
    @CsvSource({
        "1302, RATE_LIMITED, MINUTE",
        "1304, RATE_LIMITED, DAY",
        "1310, RATE_LIMITED, MONTH",
        "1305, OVERLOADED, UNKNOWN",
        "1113, OUT_OF_CREDIT, UNKNOWN",
        "1001, KEY_REJECTED, UNKNOWN"
    })
    void zhipu_codes_say_what_failed(String code, Kind kind, Axis axis) {
        ErrorReading reading = read(400, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"zhipu says no\"}}");

        assertThat(reading.kind()).isEqualTo(kind);
        assertThat(reading.axis()).isEqualTo(axis);
        assertThat(reading.message()).isEqualTo("zhipu says no");
    }

    @Test
    void a_zhipu_code_sent_as_a_number_reads_the_same() {
        assertThat(read(429, "{\"error\":{\"code\":1304,\"message\":\"daily\"}}")
                        .axis())
                .isEqualTo(Axis.DAY);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 400, 403})
    void cloudflares_daily_neuron_allocation_is_a_daily_rate_limit_whatever_the_status(int status) {
        ErrorReading reading = read(status, CLOUDFLARE_NEURONS);

        assertThat(reading.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(reading.axis()).isEqualTo(Axis.DAY);
        assertThat(reading.message()).contains("10,000 neurons");
    }

    @Test
    void another_cloudflare_error_is_read_for_its_message_only() {
        ErrorReading reading =
                read(400, "{\"success\":false,\"errors\":[{\"code\":5006,\"message\":\"Input is not valid JSON\"}]}");

        assertThat(reading.kind()).isNull();
        assertThat(reading.message()).isEqualTo("Input is not valid JSON");
    }

    @Test
    void a_flat_vllm_error_is_read_for_its_message() {
        ErrorReading reading = read(
                400,
                "{\"object\":\"error\",\"message\":\"This model's maximum context length is 8192 tokens.\","
                        + "\"type\":\"BadRequestError\",\"param\":null,\"code\":400}");

        assertThat(reading.kind()).isNull();
        assertThat(reading.message()).isEqualTo("This model's maximum context length is 8192 tokens.");
    }

    @Test
    void a_flat_vllm_429_is_a_rate_limit() {
        ErrorReading reading =
                read(429, "{\"object\":\"error\",\"message\":\"Too many requests per minute\",\"code\":429}");

        assertThat(reading.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(reading.axis()).isEqualTo(Axis.MINUTE);
    }

    @Test
    void an_error_given_as_a_plain_string_is_read_for_its_message() {
        assertThat(read(500, "{\"error\":\"upstream exploded\"}").message()).isEqualTo("upstream exploded");
    }

    @Test
    void an_unknown_body_leaves_the_kind_to_the_status() {
        ErrorReading reading = read(500, "{\"detail\":\"something\"}");

        assertThat(reading.kind()).isNull();
        assertThat(reading.axis()).isEqualTo(Axis.UNKNOWN);
        assertThat(reading.message()).isEmpty();
    }

    @Test
    void a_body_that_is_not_json_leaves_the_kind_to_the_status() {
        ErrorReading reading = OpenAiErrorReader.read(502, MissingNode.getInstance());

        assertThat(reading.kind()).isNull();
        assertThat(reading.message()).isEmpty();
    }

    @Test
    void a_429_whose_body_names_no_window_is_a_rate_limit_of_unknown_axis() {
        ErrorReading reading = read(429, openAiError("Too many requests, slow down.", "requests", "rate_limited"));

        assertThat(reading.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(reading.axis()).isEqualTo(Axis.UNKNOWN);
    }

    @Test
    void a_daily_word_outside_a_429_is_no_rate_limit_unless_it_is_about_neurons() {
        ErrorReading reading =
                read(400, openAiError("The daily digest option is not supported.", "invalid_request_error", "x"));

        assertThat(reading.kind()).isNull();
    }
}
