package dev.freeway.gateway.config;

/** Provider limits per key and model; 0 (or absent) means the provider sets no such limit. */
public record LimitsConfig(Long rpm, Long rpd, Long tpm, Long tpd) {
    public LimitsConfig {
        rpm = rpm == null ? 0L : rpm;
        rpd = rpd == null ? 0L : rpd;
        tpm = tpm == null ? 0L : tpm;
        tpd = tpd == null ? 0L : tpd;
    }

    public static LimitsConfig unlimited() {
        return new LimitsConfig(null, null, null, null);
    }
}
