package dev.freeway.gateway.routing;

import dev.freeway.gateway.cluster.UsageMeter;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the cluster's monthly totals for every {@link MonthlyReader} in one call (spend caps and
 * monthly budgets want the same map), after each usage flush has brought this node's counts there.
 */
public final class MonthlyPoll {
    private final UsageMeter meter;
    private final Clock clock;
    private final List<MonthlyReader> readers;

    public MonthlyPoll(UsageMeter meter, Clock clock, TeamSpend spend, MonthlyBudgetWatch budgets) {
        this(meter, clock, List.of(spend, budgets));
    }

    MonthlyPoll(UsageMeter meter, Clock clock, List<MonthlyReader> readers) {
        this.meter = meter;
        this.clock = clock;
        this.readers = List.copyOf(readers);
    }

    public Future<Void> run() {
        Set<String> subjects = new LinkedHashSet<>();
        readers.forEach(reader -> subjects.addAll(reader.subjects()));
        if (subjects.isEmpty()) {
            return Future.succeededFuture();
        }
        UtcMonth month = UtcMonth.at(clock.millis());
        return meter.monthly(month.name(), subjects)
                .onSuccess(totals -> readers.forEach(reader -> reader.read(month, totals)))
                .mapEmpty();
    }
}
