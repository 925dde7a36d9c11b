package dev.freeway.gateway.provider;

import static dev.freeway.gateway.provider.ProviderQuota.Dimension.REQUESTS;
import static dev.freeway.gateway.provider.ProviderQuota.Dimension.TOKENS;
import static dev.freeway.gateway.provider.ProviderQuota.Span.DAY;
import static dev.freeway.gateway.provider.ProviderQuota.Span.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.freeway.gateway.provider.ProviderQuota.Dimension;
import dev.freeway.gateway.provider.ProviderQuota.Span;
import dev.freeway.gateway.provider.ProviderQuota.Window;
import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RateLimitHeadersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-08-20T12:00:00Z"), ZoneOffset.UTC);
    private static final long NOW = CLOCK.millis();
    private static final long NEXT_UTC_MIDNIGHT =
            Instant.parse("2026-08-21T00:00:00Z").toEpochMilli();

    private static MultiMap headers(String... namesAndValues) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private static ProviderQuota parse(int status, String... namesAndValues) {
        return RateLimitHeaders.parse(headers(namesAndValues), status, CLOCK.millis());
    }

    private static Window window(Dimension dimension, Span span, long limit, long remaining, long resetAt) {
        return new Window(dimension, span, limit, remaining, resetAt);
    }

    private static String httpDate(long epochMillis) {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC)
                .format(DateTimeFormatter.RFC_1123_DATE_TIME);
    }

    @Test
    void returns_the_shared_none_when_no_rate_limit_header_is_present() {
        assertThat(parse(200)).isSameAs(ProviderQuota.NONE);
        assertThat(parse(200, "content-type", "application/json", "x-request-id", "req_1"))
                .isSameAs(ProviderQuota.NONE);
        assertThat(parse(500, "content-type", "application/json")).isSameAs(ProviderQuota.NONE);
        assertThat(ProviderQuota.NONE.windows()).isEmpty();
        assertThat(ProviderQuota.NONE.retryAfterMillis()).isZero();
    }

    @Test
    void returns_the_shared_none_when_every_rate_limit_value_is_unusable() {
        ProviderQuota quota = parse(
                429,
                "x-ratelimit-remaining-requests",
                "lots",
                "x-ratelimit-remaining-tokens-minute",
                "1e3",
                "X-RateLimit-Remaining",
                "",
                "retry-after",
                "soon");

        assertThat(quota).isSameAs(ProviderQuota.NONE);
    }

    static Stream<Arguments> dialects() {
        return Stream.of(
                arguments(
                        "OpenAI, as observed (community.openai.com thread 1268905)",
                        200,
                        new String[] {
                            "x-ratelimit-limit-requests", "5000",
                            "x-ratelimit-limit-tokens", "160000",
                            "x-ratelimit-remaining-requests", "4999",
                            "x-ratelimit-remaining-tokens", "159976",
                            "x-ratelimit-reset-requests", "12ms",
                            "x-ratelimit-reset-tokens", "9ms"
                        },
                        List.of(
                                window(REQUESTS, MINUTE, 5000, 4999, NOW + 12),
                                window(TOKENS, MINUTE, 160000, 159976, NOW + 9)),
                        0L),
                arguments(
                        "OpenAI's docs sample: its 6m0s token reset reads as a day, a known limit of the inference",
                        200,
                        new String[] {
                            "x-ratelimit-limit-requests", "60",
                            "x-ratelimit-limit-tokens", "150000",
                            "x-ratelimit-remaining-requests", "59",
                            "x-ratelimit-remaining-tokens", "149984",
                            "x-ratelimit-reset-requests", "1s",
                            "x-ratelimit-reset-tokens", "6m0s"
                        },
                        List.of(
                                window(REQUESTS, MINUTE, 60, 59, NOW + 1_000),
                                window(TOKENS, DAY, 150000, 149984, NOW + 360_000)),
                        0L),
                arguments(
                        "Groq's docs sample on a 429: requests per day, tokens per minute",
                        429,
                        new String[] {
                            "retry-after", "2",
                            "x-ratelimit-limit-requests", "14400",
                            "x-ratelimit-limit-tokens", "18000",
                            "x-ratelimit-remaining-requests", "14370",
                            "x-ratelimit-remaining-tokens", "17997",
                            "x-ratelimit-reset-requests", "2m59.56s",
                            "x-ratelimit-reset-tokens", "7.66s"
                        },
                        List.of(
                                window(REQUESTS, DAY, 14400, 14370, NOW + 179_560),
                                window(TOKENS, MINUTE, 18000, 17997, NOW + 7_660)),
                        2_000L),
                arguments(
                        "Cerebras' docs sample: spans named, resets in fractional seconds",
                        200,
                        new String[] {
                            "x-ratelimit-limit-requests-day", "1000000000",
                            "x-ratelimit-limit-tokens-minute", "1000000000",
                            "x-ratelimit-remaining-requests-day", "999997455",
                            "x-ratelimit-remaining-tokens-minute", "999998298",
                            "x-ratelimit-reset-requests-day", "33011.382867097855",
                            "x-ratelimit-reset-tokens-minute", "11.382867097854614"
                        },
                        List.of(
                                window(REQUESTS, DAY, 1000000000, 999997455, NOW + 33_011_383),
                                window(TOKENS, MINUTE, 1000000000, 999998298, NOW + 11_383)),
                        0L),
                arguments(
                        "Cerebras-style names for the other two spans; a short day reset stays a day",
                        200,
                        new String[] {
                            "x-ratelimit-limit-requests-minute", "30",
                            "x-ratelimit-remaining-requests-minute", "29",
                            "x-ratelimit-reset-requests-minute", "59.5",
                            "x-ratelimit-limit-tokens-day", "1000000",
                            "x-ratelimit-remaining-tokens-day", "999000",
                            "x-ratelimit-reset-tokens-day", "3"
                        },
                        List.of(
                                window(REQUESTS, MINUTE, 30, 29, NOW + 59_500),
                                window(TOKENS, DAY, 1000000, 999000, NOW + 3_000)),
                        0L),
                arguments(
                        "OpenRouter's free daily cap: reset an epoch-millisecond stamp at UTC midnight",
                        429,
                        new String[] {
                            "X-RateLimit-Limit", "50",
                            "X-RateLimit-Remaining", "0",
                            "X-RateLimit-Reset", Long.toString(NEXT_UTC_MIDNIGHT)
                        },
                        List.of(window(REQUESTS, DAY, 50, 0, NEXT_UTC_MIDNIGHT)),
                        0L),
                arguments(
                        "OpenRouter's per-minute cap: the stamp is under a minute away",
                        429,
                        new String[] {
                            "X-RateLimit-Limit", "20",
                            "X-RateLimit-Remaining", "0",
                            "X-RateLimit-Reset", Long.toString(NOW + 40_000)
                        },
                        List.of(window(REQUESTS, MINUTE, 20, 0, NOW + 40_000)),
                        0L),
                arguments(
                        "a plain stamp a few seconds past (clock skew): the window has already reset",
                        429,
                        new String[] {
                            "X-RateLimit-Limit", "20",
                            "X-RateLimit-Remaining", "0",
                            "X-RateLimit-Reset", Long.toString(NOW - 3_000)
                        },
                        List.of(window(REQUESTS, MINUTE, 20, 0, NOW)),
                        0L),
                arguments(
                        "a plain reset in epoch seconds",
                        200,
                        new String[] {
                            "x-ratelimit-limit", "1000",
                            "x-ratelimit-remaining", "10",
                            "x-ratelimit-reset", Long.toString(NOW / 1_000 + 3_600)
                        },
                        List.of(window(REQUESTS, DAY, 1000, 10, NOW + 3_600_000)),
                        0L),
                arguments(
                        "a plain reset in seconds from now",
                        200,
                        new String[] {"x-ratelimit-remaining", "7", "x-ratelimit-reset", "30"},
                        List.of(window(REQUESTS, MINUTE, -1, 7, NOW + 30_000)),
                        0L),
                arguments(
                        "SambaNova-style mix of both request dialects, plus a token window, on a 503",
                        503,
                        new String[] {
                            "x-ratelimit-limit-requests", "20",
                            "x-ratelimit-remaining-requests", "19",
                            "x-ratelimit-reset-requests", "3s",
                            "x-ratelimit-limit-requests-day", "20",
                            "x-ratelimit-remaining-requests-day", "5",
                            "x-ratelimit-reset-requests-day", "43200",
                            "x-ratelimit-remaining-tokens", "0",
                            "retry-after", "1"
                        },
                        List.of(
                                window(REQUESTS, MINUTE, 20, 19, NOW + 3_000),
                                window(TOKENS, MINUTE, -1, 0, -1),
                                window(REQUESTS, DAY, 20, 5, NOW + 43_200_000)),
                        1_000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void reads_each_dialect(String dialect, int status, String[] headers, List<Window> windows, long retryAfter) {
        ProviderQuota quota = parse(status, headers);

        assertThat(quota.windows()).containsExactlyElementsOf(windows);
        assertThat(quota.retryAfterMillis()).isEqualTo(retryAfter);
    }

    @Test
    void reads_anthropics_request_window_with_its_rfc_3339_reset_and_ignores_its_token_windows() {
        ProviderQuota quota = parse(
                200,
                "anthropic-ratelimit-requests-limit",
                "50",
                "anthropic-ratelimit-requests-remaining",
                "12",
                "anthropic-ratelimit-requests-reset",
                "2026-08-20T12:00:30Z",
                "anthropic-ratelimit-input-tokens-remaining",
                "3000");

        assertThat(quota.windows()).containsExactly(window(Dimension.REQUESTS, Span.MINUTE, 50, 12, NOW + 30_000));
    }

    @Test
    void reads_header_names_whatever_their_case() {
        ProviderQuota quota = parse(
                429,
                "X-RATELIMIT-LIMIT-REQUESTS",
                "14400",
                "X-RateLimit-Remaining-Requests",
                "14370",
                "x-ratelimit-RESET-requests",
                "2m59.56s",
                "X-Ratelimit-Remaining-Tokens-Minute",
                "100",
                "RETRY-AFTER",
                "3");

        assertThat(quota.windows())
                .containsExactly(
                        window(REQUESTS, DAY, 14400, 14370, NOW + 179_560), window(TOKENS, MINUTE, -1, 100, -1));
        assertThat(quota.retryAfterMillis()).isEqualTo(3_000);
    }

    @ParameterizedTest(name = "\"{0}\" is {1} ms away")
    @CsvSource(
            delimiter = '|',
            value = {
                "1s            | 1000",
                "6m0s          | 360000",
                "2m59.56s      | 179560",
                "7.66s         | 7660",
                "120ms         | 120",
                "1h2m3s        | 3723000",
                "1m30s         | 90000",
                "1.5h          | 5400000",
                ".5s           | 500",
                "0s            | 0",
                "250us         | 0",
                "750µs         | 1",
                "1000000ns     | 1",
                "0             | 0",
                "12            | 12000",
                "1.5           | 1500",
                "86400         | 86400000",
                "'  2s  '      | 2000"
            })
    void reads_go_durations_and_bare_seconds_as_resets(String reset, long millisFromNow) {
        ProviderQuota quota = parse(200, "x-ratelimit-remaining-requests", "1", "x-ratelimit-reset-requests", reset);

        assertThat(quota.windows())
                .singleElement()
                .satisfies(window -> assertThat(window.resetAtEpochMillis()).isEqualTo(NOW + millisFromNow));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "",
                "soon",
                "1x",
                "1m30",
                "-1s",
                "+1s",
                "1..2s",
                "s",
                "1 s",
                "NaN",
                "Infinity",
                "1e3",
                "0x10",
                "1,5",
                "90000",
                "25h",
                "1000000000000000",
                "946684800"
            })
    void keeps_the_count_but_not_an_unreadable_or_absurd_reset(String reset) {
        ProviderQuota quota = parse(200, "x-ratelimit-remaining-requests", "9", "x-ratelimit-reset-requests", reset);

        assertThat(quota.windows()).containsExactly(window(REQUESTS, MINUTE, -1, 9, -1));
    }

    @ParameterizedTest(name = "remaining \"{0}\"")
    @ValueSource(
            strings = {"", " ", "many", "10.5", "1e3", "-", "--1", "1 000", "1000000000001", "99999999999999999999"})
    void ignores_a_window_whose_remaining_count_is_unreadable_or_absurd(String remaining) {
        assertThat(parse(200, "x-ratelimit-limit-tokens", "1000", "x-ratelimit-remaining-tokens", remaining))
                .isSameAs(ProviderQuota.NONE);
    }

    @Test
    void reads_a_negative_remaining_count_as_nothing_left() {
        ProviderQuota quota = parse(200, "x-ratelimit-limit-tokens", "6000", "x-ratelimit-remaining-tokens", "-250");

        assertThat(quota.windows()).containsExactly(window(TOKENS, MINUTE, 6000, 0, -1));
    }

    @ParameterizedTest(name = "limit \"{0}\"")
    @ValueSource(strings = {"unlimited", "1000000000001", "5.5", ""})
    void keeps_the_remaining_count_when_the_limit_is_unreadable_or_absurd(String limit) {
        ProviderQuota quota = parse(200, "x-ratelimit-limit-requests", limit, "x-ratelimit-remaining-requests", "42");

        assertThat(quota.windows()).containsExactly(window(REQUESTS, MINUTE, -1, 42, -1));
    }

    @Test
    void accepts_the_largest_sane_count() {
        ProviderQuota quota = parse(200, "x-ratelimit-remaining-tokens-day", "1000000000000");

        assertThat(quota.remaining(TOKENS, DAY)).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void ignores_azure_minus_one_sentinels_for_a_limit_that_does_not_apply() {
        ProviderQuota quota = parse(
                200,
                "x-ratelimit-limit-tokens",
                "-1",
                "x-ratelimit-remaining-tokens",
                "-1",
                "x-ratelimit-reset-tokens",
                "0");

        assertThat(quota).isSameAs(ProviderQuota.NONE);
    }

    @ParameterizedTest(name = "retry-after-ms={0}, retry-after={1} -> {2} ms")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "null   | 7        | 7000",
                "null   | 1.5      | 1500",
                "null   | ' 2 '    | 2000",
                "null   | 0        | 0",
                "1234.5 | 7        | 1235",
                "250    | null     | 250",
                "oops   | 7        | 7000",
                "-5     | 7        | 7000",
                "null   | -5       | 0",
                "null   | soon     | 0",
                "null   | 1e3      | 0",
                "null   | 100000   | 86400000",
                "null   | null     | 0"
            })
    void reads_retry_after_preferring_the_millisecond_header(String retryAfterMs, String retryAfter, long expected) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (retryAfterMs != null) {
            headers.add("retry-after-ms", retryAfterMs);
        }
        if (retryAfter != null) {
            headers.add("Retry-After", retryAfter);
        }

        assertThat(RateLimitHeaders.parse(headers, 429, NOW).retryAfterMillis()).isEqualTo(expected);
    }

    @Test
    void reads_retry_after_as_an_http_date_against_the_callers_clock() {
        assertThat(parse(429, "Retry-After", httpDate(NOW + 120_000)).retryAfterMillis())
                .isEqualTo(120_000);
        assertThat(parse(503, "Retry-After", "Thu, 20 Aug 2026 12:00:30 GMT").retryAfterMillis())
                .isEqualTo(30_000);
        assertThat(parse(429, "Retry-After", httpDate(NOW - 3_600_000))).isSameAs(ProviderQuota.NONE);
        assertThat(parse(429, "Retry-After", httpDate(NOW + 5L * 86_400_000)).retryAfterMillis())
                .as("capped at a day")
                .isEqualTo(86_400_000L);
        assertThat(parse(429, "Retry-After", "Thursday, 20-Aug-26 12:00:30 GMT"))
                .as("obsolete RFC 850 dates are not read")
                .isSameAs(ProviderQuota.NONE);
    }

    @Test
    void ignores_retry_after_on_a_success() {
        assertThat(parse(200, "retry-after", "7", "retry-after-ms", "7000")).isSameAs(ProviderQuota.NONE);
        assertThat(parse(200, "retry-after", "7", "x-ratelimit-remaining-tokens", "5")
                        .retryAfterMillis())
                .isZero();
    }

    @Test
    void remaining_answers_the_tightest_window_of_a_dimension_and_span_or_minus_one() {
        ProviderQuota quota = parse(
                200,
                "x-ratelimit-remaining-requests",
                "900",
                "x-ratelimit-reset-requests",
                "2m",
                "x-ratelimit-remaining-requests-day",
                "850",
                "x-ratelimit-remaining-tokens-minute",
                "4000");

        assertThat(quota.remaining(REQUESTS, DAY)).isEqualTo(850);
        assertThat(quota.remaining(TOKENS, MINUTE)).isEqualTo(4000);
        assertThat(quota.remaining(REQUESTS, MINUTE)).isEqualTo(-1);
        assertThat(quota.remaining(TOKENS, DAY)).isEqualTo(-1);
        assertThat(ProviderQuota.NONE.remaining(REQUESTS, MINUTE)).isEqualTo(-1);
    }

    @Test
    void a_quota_cannot_be_changed_after_the_fact() {
        ProviderQuota quota = parse(200, "x-ratelimit-remaining-requests", "1");
        List<Window> callerList = new ArrayList<>(quota.windows());
        ProviderQuota copy = new ProviderQuota(callerList, 0);
        callerList.clear();

        assertThatThrownBy(() -> quota.windows().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(copy.windows()).hasSize(1);
    }
}
