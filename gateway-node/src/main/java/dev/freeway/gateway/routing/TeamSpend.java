package dev.freeway.gateway.routing;

import dev.freeway.gateway.cluster.UsageMeter;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each capped team's spend in the current UTC month as the cluster last counted it. Requests read
 * it without waiting; the node refreshes it every second, so a team can overshoot its cap by what
 * the whole cluster spends for it in about two seconds (a flush and a refresh), which is what a
 * cap enforced before every paid call would cost in cluster round trips.
 */
public final class TeamSpend {
    private final UsageMeter meter;
    private final TeamPolicy teams;
    private final Clock clock;
    private volatile Counted counted = new Counted("", Map.of());

    private record Counted(String month, Map<String, Long> nanos) {}

    public TeamSpend(UsageMeter meter, TeamPolicy teams, Clock clock) {
        this.meter = meter;
        this.teams = teams;
        this.clock = clock;
    }

    public Future<Void> refresh() {
        List<String> capped = teams.capped();
        if (capped.isEmpty()) {
            return Future.succeededFuture();
        }
        String month = month();
        return meter.monthly(
                        month,
                        capped.stream().map(team -> UsageMeter.TEAM + team).toList())
                .onSuccess(totals -> {
                    Map<String, Long> nanos = new HashMap<>();
                    totals.forEach((subject, sums) ->
                            nanos.put(subject.substring(UsageMeter.TEAM.length()), sums.costNanos()));
                    counted = new Counted(month, Map.copyOf(nanos));
                })
                .mapEmpty();
    }

    /** Whether {@code team} has a monthly cap and has reached it this month. */
    public boolean spent(TeamRules team) {
        if (team.monthlySpendNanos() <= 0) {
            return false;
        }
        Counted now = counted;
        return now.month().equals(month()) && now.nanos().getOrDefault(team.name(), 0L) >= team.monthlySpendNanos();
    }

    /** Seconds until the next UTC month starts, when every cap renews. */
    public long secondsToRenewal() {
        Instant now = clock.instant();
        Instant next = YearMonth.from(now.atZone(ZoneOffset.UTC))
                .plusMonths(1)
                .atDay(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return Math.max(1, next.getEpochSecond() - now.getEpochSecond());
    }

    private String month() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString().substring(0, 7);
    }
}
