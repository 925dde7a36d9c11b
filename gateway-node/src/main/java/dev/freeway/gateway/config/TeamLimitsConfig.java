package dev.freeway.gateway.config;

/**
 * A team's own quota, counted for the whole cluster: requests and tokens per minute, tokens per
 * UTC day, and what it may spend on paid models per UTC calendar month. 0 or absent = no such
 * limit.
 *
 * @param monthlySpendUsd once the month's cost of its requests reaches this, paid models stop
 *     serving the team until the month ends; free ones go on
 */
public record TeamLimitsConfig(Long rpm, Long tpm, Long dailyTokens, Double monthlySpendUsd) {
    public TeamLimitsConfig {
        rpm = rpm == null ? 0L : rpm;
        tpm = tpm == null ? 0L : tpm;
        dailyTokens = dailyTokens == null ? 0L : dailyTokens;
        monthlySpendUsd = monthlySpendUsd == null ? 0.0 : monthlySpendUsd;
    }

    public TeamLimitsConfig(Long rpm, Long tpm, Long dailyTokens) {
        this(rpm, tpm, dailyTokens, null);
    }

    /** The monthly cap in nano-dollars, the unit usage costs are counted in; 0 = none. */
    public long monthlySpendNanos() {
        return Math.round(monthlySpendUsd * 1_000_000_000d);
    }
}
