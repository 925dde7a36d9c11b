package dev.freeway.gateway.limits;

import dev.freeway.gateway.config.LimitsConfig;

/**
 * Requests and tokens a provider (or a team) allows per minute and per day for one scope; 0 = no
 * limit.
 *
 * @param version 0 for limits fixed by the config; limits changed at runtime carry an increasing
 *     version so the shared buckets take the new shape, keeping what was consumed
 */
public record Limits(long rpm, long rpd, long tpm, long tpd, long version) {

    public Limits(long rpm, long rpd, long tpm, long tpd) {
        this(rpm, rpd, tpm, tpd, 0);
    }

    public static Limits of(LimitsConfig config) {
        return new Limits(config.rpm(), config.rpd(), config.tpm(), config.tpd());
    }

    public boolean limitsRequests() {
        return rpm > 0 || rpd > 0;
    }

    public boolean limitsTokens() {
        return tpm > 0 || tpd > 0;
    }

    /** True when {@code tokens} could never fit, however long the caller waited. */
    public boolean neverFits(long tokens) {
        return tpm > 0 && tokens > tpm || tpd > 0 && tokens > tpd;
    }
}
