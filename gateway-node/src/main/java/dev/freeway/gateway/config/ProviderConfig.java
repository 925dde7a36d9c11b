package dev.freeway.gateway.config;

import dev.freeway.gateway.catalog.entry.RequestQuirks;
import dev.freeway.gateway.catalog.entry.SharedLimitEntry;
import dev.freeway.gateway.catalog.entry.TermsEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One upstream platform: the shipped catalog's entry with the operator's config laid over it.
 * Empty keys (an unset {@code ${VAR:-}}) are dropped, so a platform without keys is simply disabled.
 *
 * @param format the wire format, which selects the adapter ({@code openai}, {@code gemini},
 *     {@code anthropic}, {@code cohere})
 * @param baseUrl may contain {@code {account}}, filled from each key's account
 * @param headers extra static headers the platform needs (never credentials)
 * @param status {@code active}, {@code retired} or {@code unverified}; only active platforms serve
 *     unless {@code enabled} says otherwise
 * @param enabled the operator's explicit choice; null = by status
 * @param limitScope where per-model limits apply: {@code key_model} or {@code project_model}
 * @param dailyResetZone the time zone whose midnight resets the platform's daily quotas
 */
public record ProviderConfig(
        String format,
        String baseUrl,
        List<KeyConfig> keys,
        Map<String, String> headers,
        TimeoutsConfig timeouts,
        String name,
        String status,
        String statusNote,
        Boolean enabled,
        TermsEntry terms,
        RequestQuirks request,
        String limitScope,
        List<SharedLimitEntry> sharedLimits,
        String dailyResetZone) {

    /** The wire formats a provider may speak; each has an adapter in the node's composition root. */
    public static final Set<String> FORMATS = Set.of("openai", "gemini", "anthropic", "cohere");

    public ProviderConfig {
        format = format == null ? "openai" : format;
        keys = keys == null
                ? List.of()
                : keys.stream().filter(k -> k != null && k.present()).toList();
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        timeouts = timeouts == null ? TimeoutsConfig.defaults() : timeouts;
        status = status == null ? "active" : status;
        request = request == null ? RequestQuirks.none() : request;
        limitScope = limitScope == null ? "key_model" : limitScope;
        sharedLimits = sharedLimits == null ? List.of() : List.copyOf(sharedLimits);
        dailyResetZone = dailyResetZone == null ? "UTC" : dailyResetZone;
    }

    /** Whether the platform may serve at all, keys aside. */
    public boolean switchedOn() {
        return enabled != null ? enabled : "active".equals(status);
    }

    @Override
    public String toString() {
        return "ProviderConfig[format=" + format + ", baseUrl=" + baseUrl + ", keys=" + keys.size() + "]";
    }
}
