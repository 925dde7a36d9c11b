package dev.freeway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.catalog.entry.PriceEntry;
import dev.freeway.gateway.cluster.UsageTotals;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.limits.MonthlyBudget;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.secrets.ProviderKey;
import dev.freeway.gateway.testing.InMemoryUsageMeter;
import dev.freeway.gateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UsageRecorderTest {
    private final MutableClock clock = MutableClock.at("2026-11-23T23:59:59Z");
    private static final Candidate LLAMA = candidate("llama", null);
    private static final Candidate PAID = candidate("gpt", new PriceEntry(0.59, 0.79));
    private final InMemoryUsageMeter meter = new InMemoryUsageMeter();
    private final Map<String, UsageTotals> stored = meter.rows;
    private final Map<String, UsageTotals> monthly = meter.monthly;

    private final UsageRecorder recorder = new UsageRecorder(meter, clock);

    @Test
    void requests_of_one_team_and_scope_reach_the_cluster_as_one_addition_per_flush() {
        recorder.record("alpha", LLAMA, new Usage(10, 5));
        recorder.record("alpha", LLAMA, new Usage(20, 7));
        recorder.flush();

        assertThat(meter.adds()).isEqualTo(1);
        assertThat(stored).containsEntry("2026-11-23|alpha|llama", new UsageTotals(2, 30, 12, 0, 0));
    }

    @Test
    void teams_are_counted_apart() {
        recorder.record("alpha", LLAMA, new Usage(10, 5));
        recorder.record("beta", LLAMA, new Usage(1, 1));
        recorder.flush();

        assertThat(stored)
                .containsEntry("2026-11-23|alpha|llama", new UsageTotals(1, 10, 5, 0, 0))
                .containsEntry("2026-11-23|beta|llama", new UsageTotals(1, 1, 1, 0, 0));
    }

    @Test
    void a_request_without_reported_usage_counts_as_an_unmetered_request_with_no_tokens() {
        recorder.record("alpha", PAID, Usage.UNKNOWN);
        recorder.flush();

        assertThat(stored).containsEntry("2026-11-23|alpha|gpt", new UsageTotals(1, 0, 0, 0, 1));
    }

    @Test
    void a_priced_model_costs_its_list_price_per_million_tokens_in_nano_dollars() {
        recorder.record("alpha", PAID, new Usage(1_000, 100));
        recorder.flush();

        // 1,000 × 0.59 + 100 × 0.79 = 669 micro-dollars
        assertThat(stored).containsEntry("2026-11-23|alpha|gpt", new UsageTotals(1, 1_000, 100, 669_000, 0));
    }

    @Test
    void usage_counts_on_the_utc_day_it_happened() {
        recorder.record("t", LLAMA, new Usage(1, 1));
        clock.advance(Duration.ofSeconds(2));
        recorder.record("t", LLAMA, new Usage(2, 2));
        recorder.flush();

        assertThat(stored)
                .containsEntry("2026-11-23|t|llama", new UsageTotals(1, 1, 1, 0, 0))
                .containsEntry("2026-11-24|t|llama", new UsageTotals(1, 2, 2, 0, 0));
    }

    @Test
    void a_failed_flush_keeps_the_counts_for_the_next_one() {
        recorder.record("t", PAID, new Usage(4, 4));
        meter.failing = true;
        recorder.flush();
        meter.failing = false;
        recorder.flush();

        assertThat(stored).containsEntry("2026-11-23|t|gpt", new UsageTotals(1, 4, 4, 5_520, 0));
        assertThat(monthly).containsExactly(Map.entry("team:t|2026-11", new UsageTotals(1, 4, 4, 5_520, 0)));
    }

    @Test
    void each_teams_totals_count_in_the_utc_month_they_happened() {
        clock.set(Instant.parse("2026-11-30T23:59:59Z"));
        recorder.record("alpha", PAID, new Usage(1_000, 100));
        recorder.record("alpha", LLAMA, new Usage(1_000, 100));
        recorder.record("beta", PAID, new Usage(1_000, 100));
        clock.advance(Duration.ofSeconds(2));
        recorder.record("alpha", PAID, new Usage(1_000, 0));
        recorder.flush();

        assertThat(monthly)
                .containsOnly(
                        Map.entry("team:alpha|2026-11", new UsageTotals(2, 2_000, 200, 669_000, 0)),
                        Map.entry("team:beta|2026-11", new UsageTotals(1, 1_000, 100, 669_000, 0)),
                        Map.entry("team:alpha|2026-12", new UsageTotals(1, 1_000, 0, 590_000, 0)));
    }

    @Test
    void a_platforms_monthly_budget_scope_counts_what_its_candidates_used() {
        Candidate budgeted = new Candidate(
                "mistral",
                LLAMA.model(),
                LLAMA.key(),
                LLAMA.limits(),
                "mistral/llama",
                "mistral#k/llama",
                "mistral#k",
                List.of(),
                List.of(new MonthlyBudget("mistral#k/llama", 0, 1_000_000_000L)),
                0,
                ZoneOffset.UTC);
        recorder.record("alpha", budgeted, new Usage(30, 12));
        recorder.record("beta", budgeted, Usage.UNKNOWN);
        recorder.flush();

        assertThat(monthly).containsEntry("scope:mistral#k/llama|2026-11", new UsageTotals(2, 30, 12, 0, 1));
    }

    @Test
    void nothing_counted_means_nothing_sent() {
        recorder.flush();

        assertThat(meter.adds()).isZero();
    }

    private static Candidate candidate(String model, PriceEntry price) {
        ModelConfig config =
                new ModelConfig(model, "groq", null, null, null, null, null, null, null, price, null, null, null);
        return Candidate.of("groq", config, ProviderKey.of("gsk_test_0000000001"));
    }
}
