package dev.freeway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.cluster.UsageTotals;
import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.config.TeamLimitsConfig;
import dev.freeway.gateway.testing.InMemoryUsageMeter;
import dev.freeway.gateway.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TeamSpendTest {
    private final MutableClock clock = MutableClock.at("2026-11-30T23:59:00Z");
    private final InMemoryUsageMeter meter = new InMemoryUsageMeter();
    private final TeamPolicy teams = new TeamPolicy(
            Map.of(
                    "capped", new TeamConfig(1, new TeamLimitsConfig(0L, 0L, 0L, 1.0), null),
                    "free", new TeamConfig(1, null, null)),
            Map.of());
    private final TeamSpend spend = new TeamSpend(teams, clock);
    private final MonthlyPoll poll = new MonthlyPoll(meter, clock, List.of(spend));

    @Test
    void a_team_reaches_its_cap_when_the_cluster_counts_its_spend_at_or_above_it() {
        meter.monthly.put("team:capped|2026-11", spent(999_999_999L));
        poll.run();
        assertThat(spend.spent(teams.rules("capped"))).isFalse();

        meter.monthly.put("team:capped|2026-11", spent(1_000_000_000L));
        poll.run();
        assertThat(spend.spent(teams.rules("capped"))).isTrue();
        assertThat(spend.spent(teams.rules("free"))).as("no cap").isFalse();
    }

    @Test
    void the_cap_renews_with_the_utc_month_even_before_the_next_refresh() {
        meter.monthly.put("team:capped|2026-11", spent(5_000_000_000L));
        poll.run();
        assertThat(spend.secondsToRenewal()).isEqualTo(60);

        clock.advance(Duration.ofMinutes(1));

        assertThat(spend.spent(teams.rules("capped"))).isFalse();
        assertThat(spend.secondsToRenewal()).isEqualTo(31 * 86_400);
    }

    private static UsageTotals spent(long nanos) {
        return new UsageTotals(1, 0, 0, nanos, 0);
    }
}
