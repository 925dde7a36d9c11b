package dev.freeway.gateway.limits;

import dev.freeway.gateway.config.LimitsConfig;

/** Requests and tokens a provider allows per minute and per day for one scope; 0 = no limit. */
public record Limits(long rpm, long rpd, long tpm, long tpd) {

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
