package dev.freeway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.cluster.UsageKey;
import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.cluster.UsageRow;
import dev.freeway.gateway.cluster.UsageTotals;
import dev.freeway.gateway.config.TeamConfig;
import dev.freeway.gateway.config.TeamLimitsConfig;
import dev.freeway.gateway.testing.MutableClock;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TeamSpendTest {
    private final MutableClock clock = MutableClock.at("2026-11-30T23:59:00Z");
    private final Map<String, Long> cluster = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final UsageMeter meter = new UsageMeter() {
        @Override
        public Future<Void> add(UsageKey key, UsageTotals delta) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<List<UsageRow>> read(String day, String team) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Void> addMonthly(String subject, String month, UsageTotals delta) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Map<String, UsageTotals>> monthly(String month, Collection<String> subjects) {
            asked.add(month + " " + subjects);
            Map<String, UsageTotals> found = new HashMap<>();
            subjects.forEach(subject -> {
                Long nanos = cluster.get(subject + "|" + month);
                if (nanos != null) {
                    found.put(subject, new UsageTotals(1, 0, 0, nanos, 0));
                }
            });
            return Future.succeededFuture(found);
        }
    };
    private final TeamPolicy teams = new TeamPolicy(
            Map.of(
                    "capped", new TeamConfig(1, new TeamLimitsConfig(0L, 0L, 0L, 1.0), null),
                    "free", new TeamConfig(1, null, null)),
            Map.of());
    private final TeamSpend spend = new TeamSpend(meter, teams, clock);

    @Test
    void a_team_reaches_its_cap_when_the_cluster_counts_its_spend_at_or_above_it() {
        cluster.put("team:capped|2026-11", 999_999_999L);
        spend.refresh();
        assertThat(spend.spent(teams.rules("capped"))).isFalse();

        cluster.put("team:capped|2026-11", 1_000_000_000L);
        spend.refresh();
        assertThat(spend.spent(teams.rules("capped"))).isTrue();
        assertThat(spend.spent(teams.rules("free"))).as("no cap").isFalse();
        assertThat(asked).allMatch(question -> question.equals("2026-11 [team:capped]"));
    }

    @Test
    void the_cap_renews_with_the_utc_month_even_before_the_next_refresh() {
        cluster.put("team:capped|2026-11", 5_000_000_000L);
        spend.refresh();
        assertThat(spend.secondsToRenewal()).isEqualTo(60);

        clock.advance(Duration.ofMinutes(1));

        assertThat(spend.spent(teams.rules("capped"))).isFalse();
        assertThat(spend.secondsToRenewal()).isEqualTo(31 * 86_400);
    }
}
