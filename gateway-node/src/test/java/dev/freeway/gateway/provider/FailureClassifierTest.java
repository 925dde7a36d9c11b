package dev.freeway.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.wire.ErrorReading;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FailureClassifierTest {
    private static final Buffer BODY = Buffer.buffer("{\"error\":{\"message\":\"nope\"}}");

    /** What the status and headers alone say: a body that adds nothing. */
    private static UpstreamFailure fromStatus(int status, MultiMap headers, Buffer body, String provider) {
        return FailureClassifier.fromAnswer(status, headers, body, ErrorReading.byStatus(""), provider);
    }

    private static UpstreamFailure status(int status) {
        return fromStatus(status, MultiMap.caseInsensitiveMultiMap(), BODY, "groq");
    }

    private static UpstreamFailure rateLimited(String retryAfter) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Retry-After", retryAfter);
        return fromStatus(429, headers, BODY, "groq");
    }

    @Test
    void classifies_429_as_rate_limited_with_retry_after_in_seconds() {
        UpstreamFailure failure = rateLimited("7");

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAfterMillis()).isEqualTo(7_000);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void parses_a_fractional_retry_after() {
        assertThat(rateLimited("1.5").retryAfterMillis()).isEqualTo(1_500);
        assertThat(rateLimited(" 2 ").retryAfterMillis()).isEqualTo(2_000);
    }

    @Test
    void reads_retry_after_whatever_the_header_case() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("RETRY-AFTER", "3");

        assertThat(fromStatus(429, headers, BODY, "groq").retryAfterMillis()).isEqualTo(3_000);
    }

    @Test
    void parses_retry_after_as_an_http_date() {
        String inTwoMinutes =
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120).format(DateTimeFormatter.RFC_1123_DATE_TIME);

        assertThat(rateLimited(inTwoMinutes).retryAfterMillis()).isBetween(100_000L, 120_000L);
    }

    @Test
    void treats_a_past_date_negative_or_unreadable_retry_after_as_zero() {
        String past = ZonedDateTime.now(ZoneOffset.UTC).minusHours(1).format(DateTimeFormatter.RFC_1123_DATE_TIME);

        assertThat(rateLimited(past).retryAfterMillis()).isZero();
        assertThat(rateLimited("-5").retryAfterMillis()).isZero();
        assertThat(rateLimited("soon").retryAfterMillis()).isZero();
        assertThat(rateLimited("NaN").retryAfterMillis()).isZero();
        assertThat(rateLimited("Infinity").retryAfterMillis()).isZero();
        assertThat(rateLimited("1e17").retryAfterMillis()).isZero();
        assertThat(rateLimited("").retryAfterMillis()).isZero();
        assertThat(status(429).retryAfterMillis()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void classifies_a_refused_key(int code) {
        UpstreamFailure failure = status(code);

        assertThat(failure.kind()).isEqualTo(Kind.KEY_REJECTED);
        assertThat(failure.retryable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 504, 404, 408, 409})
    void classifies_server_trouble_as_retryable(int code) {
        UpstreamFailure failure = status(code);

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void classifies_payment_required_as_out_of_credit() {
        assertThat(status(402).kind()).isEqualTo(Kind.OUT_OF_CREDIT);
        assertThat(status(402).retryable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {503, 529})
    void classifies_overload_apart_from_other_server_trouble(int code) {
        assertThat(status(code).kind()).isEqualTo(Kind.OVERLOADED);
        assertThat(status(code).retryable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 413, 422})
    void classifies_the_requests_own_mistakes_as_client_errors_that_are_not_retried(int code) {
        UpstreamFailure failure = status(code);

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void keeps_the_status_body_and_provider_of_an_http_failure() {
        UpstreamFailure failure = status(422);

        assertThat(failure.status()).isEqualTo(422);
        assertThat(failure.body()).isSameAs(BODY);
        assertThat(failure.getMessage()).isEqualTo("groq answered HTTP 422");
    }

    @Test
    void maps_a_timeout_exception_to_timeout() {
        UpstreamFailure failure = FailureClassifier.fromThrowable(new TimeoutException("slow"), "groq");

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.status()).isZero();
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("groq");
    }

    @Test
    void maps_a_refused_connection_to_connection() {
        assertThat(FailureClassifier.fromThrowable(new ConnectException("refused"), "groq")
                        .kind())
                .isEqualTo(Kind.CONNECTION);
        assertThat(FailureClassifier.fromThrowable(new UnknownHostException("api.groq.com"), "groq")
                        .kind())
                .isEqualTo(Kind.CONNECTION);
    }

    @Test
    void maps_an_unexpected_exception_to_connection_naming_its_type() {
        UpstreamFailure failure = FailureClassifier.fromThrowable(new IllegalStateException("boom"), "groq");

        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION);
        assertThat(failure.getMessage()).contains("IllegalStateException");
    }

    @Test
    void passes_an_upstream_failure_through_unchanged() {
        UpstreamFailure original = UpstreamFailure.of(Kind.MALFORMED, "bad json");

        assertThat(FailureClassifier.fromThrowable(original, "groq")).isSameAs(original);
    }
}
