package dev.freeway.gateway.config;

/**
 * A team's own quota, counted for the whole cluster: requests and tokens per minute, tokens per
 * UTC day. 0 or absent = no such limit.
 */
public record TeamLimitsConfig(Long rpm, Long tpm, Long dailyTokens) {
    public TeamLimitsConfig {
        rpm = rpm == null ? 0L : rpm;
        tpm = tpm == null ? 0L : tpm;
        dailyTokens = dailyTokens == null ? 0L : dailyTokens;
    }
}
