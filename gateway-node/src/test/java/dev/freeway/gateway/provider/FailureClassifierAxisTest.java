package dev.freeway.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.wire.ErrorReading;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** {@link FailureClassifier#fromAnswer}: what the platform's body said, combined with the status and headers. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FailureClassifierAxisTest {
    private static final Buffer BODY = Buffer.buffer("{\"error\":{\"message\":\"nope\"}}");
    private static final ErrorReading NOTHING = ErrorReading.byStatus("");

    private static MultiMap headers(String... namesAndValues) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private static UpstreamFailure classify(int status, MultiMap headers, ErrorReading reading) {
        return FailureClassifier.fromAnswer(status, headers, BODY, reading, "groq");
    }

    @Test
    void the_readings_kind_wins_over_the_status() {
        UpstreamFailure failure =
                classify(400, headers(), new ErrorReading(Kind.RATE_LIMITED, Axis.DAY, 0, "daily neurons"));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.axis()).isEqualTo(Axis.DAY);
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void out_of_credit_in_the_body_wins_over_a_429() {
        UpstreamFailure failure =
                classify(429, headers(), new ErrorReading(Kind.OUT_OF_CREDIT, null, 0, "insufficient_quota"));

        assertThat(failure.kind()).isEqualTo(Kind.OUT_OF_CREDIT);
    }

    @Test
    void a_reading_without_a_kind_leaves_it_to_the_status() {
        assertThat(classify(429, headers(), NOTHING).kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(classify(400, headers(), NOTHING).kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(classify(529, headers(), NOTHING).kind()).isEqualTo(Kind.OVERLOADED);
    }

    @Test
    void the_readings_axis_wins_over_the_headers() {
        UpstreamFailure failure = classify(
                429,
                headers("x-ratelimit-remaining-requests-day", "0", "x-ratelimit-limit-requests-day", "1000"),
                new ErrorReading(Kind.RATE_LIMITED, Axis.MINUTE, 0, "tokens per minute (TPM)"));

        assertThat(failure.axis()).isEqualTo(Axis.MINUTE);
    }

    @Test
    void a_429_without_an_axis_takes_the_day_from_an_empty_daily_window_in_the_headers() {
        UpstreamFailure failure = classify(
                429,
                headers(
                        "x-ratelimit-remaining-requests-day", "0",
                        "x-ratelimit-limit-requests-day", "14400",
                        "x-ratelimit-remaining-tokens-minute", "5000",
                        "x-ratelimit-limit-tokens-minute", "6000"),
                NOTHING);

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.axis()).isEqualTo(Axis.DAY);
        assertThat(failure.getMessage()).isEqualTo("groq answered HTTP 429 (day limit)");
    }

    @Test
    void an_empty_daily_window_outweighs_an_empty_minute_window() {
        UpstreamFailure failure = classify(
                429,
                headers(
                        "x-ratelimit-remaining-tokens-minute", "0",
                        "x-ratelimit-remaining-requests-day", "0"),
                NOTHING);

        assertThat(failure.axis()).isEqualTo(Axis.DAY);
    }

    @Test
    void a_429_without_an_axis_takes_the_minute_from_an_empty_minute_window() {
        UpstreamFailure failure = classify(
                429,
                headers(
                        "x-ratelimit-remaining-tokens-minute", "0",
                        "x-ratelimit-remaining-requests-day", "12"),
                NOTHING);

        assertThat(failure.axis()).isEqualTo(Axis.MINUTE);
    }

    @Test
    void a_429_without_an_axis_and_without_an_empty_window_keeps_the_axis_unknown() {
        UpstreamFailure failure = classify(429, headers("x-ratelimit-remaining-requests-day", "12"), NOTHING);

        assertThat(failure.axis()).isEqualTo(Axis.UNKNOWN);
        assertThat(failure.getMessage()).isEqualTo("groq answered HTTP 429");
    }

    @Test
    void the_retry_after_is_the_headers_when_it_is_longer_than_the_readings() {
        UpstreamFailure failure = classify(
                429, headers("Retry-After", "60"), new ErrorReading(Kind.RATE_LIMITED, Axis.MINUTE, 1_000, "x"));

        assertThat(failure.retryAfterMillis()).isEqualTo(60_000);
    }

    @Test
    void the_retry_after_is_the_readings_when_it_is_longer_than_the_headers() {
        UpstreamFailure failure =
                classify(429, headers("Retry-After", "5"), new ErrorReading(Kind.RATE_LIMITED, Axis.DAY, 30_000, "x"));

        assertThat(failure.retryAfterMillis()).isEqualTo(30_000);
    }

    @Test
    void the_retry_after_is_the_readings_when_the_headers_state_none() {
        UpstreamFailure failure =
                classify(429, headers(), new ErrorReading(Kind.RATE_LIMITED, Axis.UNKNOWN, 4_500, "x"));

        assertThat(failure.retryAfterMillis()).isEqualTo(4_500);
    }

    @Test
    void the_failure_keeps_the_body_and_what_the_headers_reported() {
        UpstreamFailure failure = classify(
                429,
                headers("x-ratelimit-remaining-requests-day", "0", "x-ratelimit-limit-requests-day", "14400"),
                NOTHING);

        assertThat(failure.body()).isSameAs(BODY);
        assertThat(failure.quota().remaining(ProviderQuota.Dimension.REQUESTS, ProviderQuota.Span.DAY))
                .isZero();
    }
}
