package dev.freeway.gateway.provider;

/** An upstream answer that may carry the provider's own view of the key's remaining capacity. */
public interface QuotaReport {
    /** What the provider's rate-limit headers said; {@link ProviderQuota#NONE} when nothing. */
    ProviderQuota quota();
}
