package dev.freeway.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.freeway.gateway.config.RoutingConfig;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.Simulators;
import dev.freeway.gateway.testing.TestConfigs;
import dev.freeway.gateway.testing.TestNode;
import dev.freeway.loadtest.simulator.ApiFormat;
import dev.freeway.loadtest.simulator.FailureMode;
import dev.freeway.loadtest.simulator.ProviderSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
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
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What ran out decides how long a key sits out: a daily quota until the platform's own midnight, a
 * minute window until the minute turns, no credit for every model of the key, and overload not at
 * all. Gemini-format simulators say it in Google's RPC errors (a QuotaFailure naming the window),
 * the others in their own words; every wait is crossed by moving the clock, and whether a key was
 * called is read from the simulator's per-key counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FailureAxesIT {
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final int DAILY_REQUESTS = 2;
    private static final int MINUTE_REQUESTS = 2;

    private static final String DAILY_KEY = "gem-daily-key-000001";
    private static final String MINUTE_KEY = "gem-minute-key-00001";
    private static final String CREDIT_KEY_1 = "credit-key-000000001";
    private static final String CREDIT_KEY_2 = "credit-key-000000002";
    private static final String BACKUP_KEY = "backup-key-000000001";

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final Simulators simulators = new Simulators(clock);
    private ProviderSimulator daily;
    private ProviderSimulator minute;
    private ProviderSimulator credit;
    private ProviderSimulator busy;
    private ProviderSimulator backup;
    private UpstreamTap creditTap;
    private TestNode node;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        daily = simulators.start("daily", options -> options.withRpd(DAILY_REQUESTS));
        minute = simulators.start("minute", options -> options.withRpm(MINUTE_REQUESTS));
        credit = simulators.start("credit");
        busy = simulators.start("busy");
        backup = simulators.start("backup");
        creditTap = UpstreamTap.before(credit);
        TestConfigs config = TestConfigs.builder()
                .timeouts(1_000, 2_000, 2_000)
                .provider(
                        "gem-daily",
                        "gemini",
                        daily.baseUrl(ApiFormat.GEMINI),
                        p -> p.key(DAILY_KEY).dailyResetZone(PACIFIC.getId()))
                .provider(
                        "gem-minute",
                        "gemini",
                        minute.baseUrl(ApiFormat.GEMINI),
                        p -> p.key(MINUTE_KEY).dailyResetZone(PACIFIC.getId()))
                .provider(
                        "credit",
                        "openai",
                        creditTap.baseUrl(ApiFormat.OPENAI),
                        p -> p.key(CREDIT_KEY_1).key(CREDIT_KEY_2))
                .provider("busy-gemini", "gemini", busy.baseUrl(ApiFormat.GEMINI), List.of(busyKey("gemini")))
                .provider(
                        "busy-anthropic", "anthropic", busy.baseUrl(ApiFormat.ANTHROPIC), List.of(busyKey("anthropic")))
                .provider("busy-openai", "openai", busy.baseUrl(ApiFormat.OPENAI), List.of(busyKey("openai")))
                .provider("backup", "openai", backup.baseUrl(), List.of(BACKUP_KEY))
                .model("daily", "gem-daily", 90)
                .model("daily", "backup", 10)
                .model("minute", "gem-minute", 90)
                .model("minute", "backup", 10)
                .model("credit-a", "credit", 50)
                .model("credit-b", "credit", 50);
        for (String format : List.of("gemini", "anthropic", "openai")) {
            config.model("busy-" + format, "busy-" + format, 90).model("busy-" + format, "backup", 10);
        }
        node = TestNode.start(
                config.routing(new RoutingConfig(null, null, null, null, 0, null, null, null))
                        .build(),
                clock);
        client = node.client();
    }

    private static String busyKey(String format) {
        return "busy-" + format + "-key-0000001";
    }

    /** Each test starts on a day of its own at 10:00 UTC (02:00 in Los Angeles), past every earlier bench. */
    @BeforeEach
    void nextDayAtTenUtc() {
        clock.set(clock.instant()
                .truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofDays(1))
                .plus(Duration.ofHours(10)));
    }

    @AfterAll
    void stop() {
        node.close();
        creditTap.close();
        simulators.close();
    }

    private record Routed(String via, String fallbacks) {}

    private Routed ask(String model) {
        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model(model)
                        .addUserMessage("hello " + model)
                        .build());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.parse().choices().get(0).message().content()).isPresent();
        return new Routed(
                raw.headers().values("X-Routed-Via").get(0),
                raw.headers().values("X-Fallback-Attempts").get(0));
    }

    private static long calls(ProviderSimulator simulator, String key) {
        return simulator.stats().requestsByKey().getOrDefault(key, 0L);
    }

    @Test
    void a_gemini_daily_quota_benches_the_key_until_midnight_in_the_platforms_zone() {
        for (int i = 0; i < DAILY_REQUESTS; i++) {
            assertThat(ask("daily").via()).isEqualTo("gem-daily/daily");
        }
        long rateLimitedBefore = daily.stats().rateLimited();

        assertThat(ask("daily")).isEqualTo(new Routed("backup/daily", "1"));
        assertThat(daily.stats().rateLimited() - rateLimitedBefore)
                .as("the day ran out")
                .isEqualTo(1);
        long called = calls(daily, DAILY_KEY);

        clock.advance(Duration.ofHours(1));
        assertThat(ask("daily")).isEqualTo(new Routed("backup/daily", "0"));
        assertThat(calls(daily, DAILY_KEY)).as("benched an hour later").isEqualTo(called);

        Instant pacificMidnight = ZonedDateTime.ofInstant(clock.instant(), PACIFIC)
                .plusDays(1)
                .truncatedTo(ChronoUnit.DAYS)
                .toInstant();
        Instant utcMidnight = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        assertThat(utcMidnight).isBefore(pacificMidnight);
        clock.set(pacificMidnight.minus(Duration.ofMinutes(1)));
        assertThat(ask("daily")).isEqualTo(new Routed("backup/daily", "0"));
        assertThat(calls(daily, DAILY_KEY))
                .as("still benched past midnight UTC, a minute before midnight in Los Angeles")
                .isEqualTo(called);

        clock.set(pacificMidnight.plusSeconds(1));
        assertThat(ask("daily")).isEqualTo(new Routed("gem-daily/daily", "0"));
        assertThat(calls(daily, DAILY_KEY)).isEqualTo(called + 1);
    }

    @Test
    void a_gemini_minute_quota_cools_the_key_down_only_until_the_minute_turns() {
        for (int i = 0; i < MINUTE_REQUESTS; i++) {
            assertThat(ask("minute").via()).isEqualTo("gem-minute/minute");
        }
        assertThat(ask("minute")).isEqualTo(new Routed("backup/minute", "1"));
        long called = calls(minute, MINUTE_KEY);

        assertThat(ask("minute")).isEqualTo(new Routed("backup/minute", "0"));
        clock.advance(Duration.ofSeconds(30));
        assertThat(ask("minute")).isEqualTo(new Routed("backup/minute", "0"));
        assertThat(calls(minute, MINUTE_KEY))
                .as("cooling down within the minute")
                .isEqualTo(called);

        clock.advance(Duration.ofSeconds(31));
        assertThat(ask("minute")).isEqualTo(new Routed("gem-minute/minute", "0"));
        assertThat(calls(minute, MINUTE_KEY)).isEqualTo(called + 1);
    }

    @Test
    void no_credit_on_one_model_benches_the_key_for_its_other_models_too() {
        creditTap.outOfCredit(CREDIT_KEY_1);
        Map<String, Long> before = credit.stats().requestsByKey();

        assertThat(ask("credit-a")).isEqualTo(new Routed("credit/credit-a", "1"));
        assertThat(calls(credit, CREDIT_KEY_1) - before.getOrDefault(CREDIT_KEY_1, 0L))
                .as("the 402")
                .isEqualTo(1);

        assertThat(ask("credit-b")).isEqualTo(new Routed("credit/credit-b", "0"));
        clock.advance(Duration.ofHours(1));
        assertThat(ask("credit-b")).isEqualTo(new Routed("credit/credit-b", "0"));
        assertThat(ask("credit-a")).isEqualTo(new Routed("credit/credit-a", "0"));

        assertThat(calls(credit, CREDIT_KEY_1) - before.getOrDefault(CREDIT_KEY_1, 0L))
                .as("the key without credit, after its 402")
                .isEqualTo(1);
        assertThat(calls(credit, CREDIT_KEY_2) - before.getOrDefault(CREDIT_KEY_2, 0L))
                .as("the other key")
                .isEqualTo(4);
        List<String> keysCalled = creditTap.sent().stream()
                .filter(sent -> sent.body().path("model").asText().equals("credit-b"))
                .map(UpstreamTap.Sent::key)
                .distinct()
                .toList();
        assertThat(keysCalled).containsExactly(CREDIT_KEY_2);
    }

    @ParameterizedTest
    @CsvSource({"gemini, 503", "anthropic, 529", "openai, 503"})
    void an_overloaded_platform_is_retried_elsewhere_and_its_key_is_called_again_at_once(
            String format, int overloaded) {
        String model = "busy-" + format;
        long overloadedBefore = busy.stats().byStatus().getOrDefault(overloaded, 0L);
        long calledBefore = calls(busy, busyKey(format));
        busy.failNext(FailureMode.ERROR_503, 1);

        assertThat(ask(model)).isEqualTo(new Routed("backup/" + model, "1"));
        assertThat(busy.stats().byStatus().getOrDefault(overloaded, 0L) - overloadedBefore)
                .isEqualTo(1);

        assertThat(ask(model)).isEqualTo(new Routed(model + "/" + model, "0"));
        assertThat(calls(busy, busyKey(format)) - calledBefore).isEqualTo(2);
    }
}
