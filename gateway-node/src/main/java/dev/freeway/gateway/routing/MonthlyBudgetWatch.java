package dev.freeway.gateway.routing;

import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.cluster.UsageTotals;
import dev.freeway.gateway.limits.MonthlyBudget;
import dev.freeway.gateway.limits.QuotaWarnings;
import java.util.Collection;
import java.util.Map;

/**
 * Compares the cluster's monthly totals of every budget this node draws on with the budget, so
 * {@link QuotaWarnings} can say when one passes 80 %. Asks only for scopes with a budget (through
 * {@link MonthlyPoll}, after usage was flushed); the platform enforces the budget itself, this is
 * the early notice.
 */
public final class MonthlyBudgetWatch implements MonthlyReader {
    private final UsageRecorder usage;
    private final QuotaWarnings warnings;

    public MonthlyBudgetWatch(UsageRecorder usage, QuotaWarnings warnings) {
        this.usage = usage;
        this.warnings = warnings;
    }

    @Override
    public Collection<String> subjects() {
        return usage.budgets().stream().map(b -> UsageMeter.SCOPE + b.scope()).toList();
    }

    @Override
    public void read(UtcMonth month, Map<String, UsageTotals> totals) {
        for (MonthlyBudget budget : usage.budgets()) {
            UsageTotals used = totals.get(UsageMeter.SCOPE + budget.scope());
            if (used == null) {
                continue;
            }
            warnings.monthly(budget.scope(), "requests_per_month", used.requests(), budget.requests(), month.name());
            warnings.monthly(
                    budget.scope(),
                    "tokens_per_month",
                    used.promptTokens() + used.completionTokens(),
                    budget.tokens(),
                    month.name());
        }
    }
}
