package dev.freeway.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.freeway.gateway.metrics.GatewayMetrics;
import dev.freeway.gateway.testing.Scrape;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class QuotaWarningsTest {
    private static final Limits LIMITS = new Limits(30, 100, 0, 10_000);
    private static final long MONDAY = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    private static final long TUESDAY = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();

    private static final String REQUESTS_WARNINGS =
            "freeway_quota_warnings_total{scope=\"groq#abc/llama\",window=\"requests_per_day\"}";
    private static final String TOKENS_WARNINGS =
            "freeway_quota_warnings_total{scope=\"groq#abc/llama\",window=\"tokens_per_day\"}";

    private final GatewayMetrics metrics = new GatewayMetrics();
    private final QuotaWarnings warnings = new QuotaWarnings(metrics);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("freeway.quota");

    @BeforeEach
    void listen() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(events);
        metrics.close();
    }

    private static Reservation admitted(long requestsLeftToday, long tokensLeftToday, long at) {
        return new Reservation(
                "groq#abc/llama", LIMITS, 10, new long[] {20, requestsLeftToday, -1, tokensLeftToday}, at, false);
    }

    private double counted(String series) {
        return new Scrape(metrics.scrape()).value(series);
    }

    private List<String> messages() {
        return events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void a_key_under_80_percent_of_its_day_is_not_reported() {
        warnings.saw(admitted(21, 2_001, MONDAY));

        assertThat(messages()).isEmpty();
        assertThat(metrics.scrape()).doesNotContain("freeway_quota_warnings_total{");
    }

    @Test
    void crossing_80_percent_of_requests_per_day_is_reported_once_that_day() {
        warnings.saw(admitted(20, 9_000, MONDAY));
        warnings.saw(admitted(12, 9_000, MONDAY));

        assertThat(messages())
                .containsExactly(
                        "event=quota_warning scope=groq#abc/llama window=requests_per_day used_percent=80 limit=100 remaining=20");
        assertThat(counted(REQUESTS_WARNINGS)).isEqualTo(1);
        assertThat(counted(TOKENS_WARNINGS)).isZero();
    }

    @Test
    void the_next_day_is_reported_again_and_tokens_apart_from_requests() {
        warnings.saw(admitted(15, 9_000, MONDAY));
        warnings.saw(admitted(18, 1_500, TUESDAY));

        assertThat(messages()).hasSize(3);
        assertThat(messages().get(2)).contains("window=tokens_per_day used_percent=85");
        assertThat(counted(REQUESTS_WARNINGS)).isEqualTo(2);
        assertThat(counted(TOKENS_WARNINGS)).isEqualTo(1);
    }

    @Test
    void a_local_admission_without_window_figures_is_ignored() {
        warnings.saw(Reservation.local("groq#abc/llama", LIMITS, 10, -1));

        assertThat(messages()).isEmpty();
    }

    @Test
    void a_monthly_budget_past_80_percent_is_reported_once_a_month() {
        warnings.monthly("mistral#abc/mistral-small", "tokens_per_month", 799_999_999, 1_000_000_000, "2026-11");
        warnings.monthly("mistral#abc/mistral-small", "tokens_per_month", 800_000_000, 1_000_000_000, "2026-11");
        warnings.monthly("mistral#abc/mistral-small", "tokens_per_month", 900_000_000, 1_000_000_000, "2026-11");
        warnings.monthly("mistral#abc/mistral-small", "requests_per_month", 900, 0, "2026-11");
        warnings.monthly("mistral#abc/mistral-small", "tokens_per_month", 950_000_000, 1_000_000_000, "2026-12");

        assertThat(messages())
                .containsExactly(
                        "event=quota_warning scope=mistral#abc/mistral-small window=tokens_per_month used_percent=80"
                                + " limit=1000000000 remaining=200000000",
                        "event=quota_warning scope=mistral#abc/mistral-small window=tokens_per_month used_percent=95"
                                + " limit=1000000000 remaining=50000000");
        assertThat(
                        counted(
                                "freeway_quota_warnings_total{scope=\"mistral#abc/mistral-small\",window=\"tokens_per_month\"}"))
                .isEqualTo(2.0);
    }
}
