package dev.freeway.gateway.routing;

import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.cluster.UsageTotals;
import dev.freeway.gateway.limits.MonthlyBudget;
import dev.freeway.gateway.limits.QuotaWarnings;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/**
 * Compares the cluster's monthly totals of every budget this node draws on with the budget, so
 * {@link QuotaWarnings} can say when one passes 80 %. Reads only scopes with a budget, and only
 * after usage was flushed; the platform enforces the budget itself, this is the early notice.
 */
public final class MonthlyBudgetWatch {
    private final UsageMeter meter;
    private final UsageRecorder usage;
    private final QuotaWarnings warnings;
    private final Clock clock;

    public MonthlyBudgetWatch(UsageMeter meter, UsageRecorder usage, QuotaWarnings warnings, Clock clock) {
        this.meter = meter;
        this.usage = usage;
        this.warnings = warnings;
        this.clock = clock;
    }

    public Future<Void> check() {
        Collection<MonthlyBudget> budgets = List.copyOf(usage.budgets());
        if (budgets.isEmpty()) {
            return Future.succeededFuture();
        }
        String month =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString().substring(0, 7);
        List<String> subjects =
                budgets.stream().map(b -> UsageMeter.SCOPE + b.scope()).toList();
        return meter.monthly(month, subjects)
                .onSuccess(totals -> {
                    for (MonthlyBudget budget : budgets) {
                        UsageTotals used = totals.get(UsageMeter.SCOPE + budget.scope());
                        if (used == null) {
                            continue;
                        }
                        warnings.monthly(
                                budget.scope(), "requests_per_month", used.requests(), budget.requests(), month);
                        warnings.monthly(
                                budget.scope(),
                                "tokens_per_month",
                                used.promptTokens() + used.completionTokens(),
                                budget.tokens(),
                                month);
                    }
                })
                .mapEmpty();
    }
}
