package dev.freeway.gateway.routing;

import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.cluster.UsageTotals;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Each capped team's spend in the current UTC month as the cluster last counted it. Requests read
 * it without waiting; the node refreshes it every second ({@link MonthlyPoll}), so a team can
 * overshoot its cap by what the whole cluster spends for it in about two seconds (a flush and a
 * refresh), which is what a cap enforced before every paid call would cost in cluster round trips.
 */
public final class TeamSpend implements MonthlyReader {
    private final TeamPolicy teams;
    private final Clock clock;
    private volatile Counted counted = new Counted(new UtcMonth("", 0, 0), Map.of());

    private record Counted(UtcMonth month, Map<String, Long> nanos) {}

    public TeamSpend(TeamPolicy teams, Clock clock) {
        this.teams = teams;
        this.clock = clock;
    }

    @Override
    public Collection<String> subjects() {
        return teams.capped().stream().map(team -> UsageMeter.TEAM + team).toList();
    }

    @Override
    public void read(UtcMonth month, Map<String, UsageTotals> totals) {
        Map<String, Long> nanos = new HashMap<>();
        totals.forEach((subject, sums) -> {
            if (subject.startsWith(UsageMeter.TEAM)) {
                nanos.put(subject.substring(UsageMeter.TEAM.length()), sums.costNanos());
            }
        });
        counted = new Counted(month, Map.copyOf(nanos));
    }

    /** Whether {@code team} has a monthly cap and has reached it this month. */
    public boolean spent(TeamRules team) {
        if (team.monthlySpendNanos() <= 0) {
            return false;
        }
        Counted now = counted;
        return now.month().contains(clock.millis())
                && now.nanos().getOrDefault(team.name(), 0L) >= team.monthlySpendNanos();
    }

    /** Seconds until the next UTC month starts, when every cap renews. */
    public long secondsToRenewal() {
        long now = clock.millis();
        return Math.max(1, (UtcMonth.at(now).endMillis() - now) / 1_000);
    }
}
