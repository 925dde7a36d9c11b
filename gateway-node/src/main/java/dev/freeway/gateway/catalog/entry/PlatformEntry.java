package dev.freeway.gateway.catalog.entry;

import java.util.List;

/**
 * One platform of the shipped catalog ({@code cluster-config/catalog/<id>.yaml}): how to reach it,
 * what its free tier allows, and its models. Data, not code: an operator's config overrides any
 * field, and a platform is enabled by giving it a key.
 *
 * @param format wire format: {@code openai}, {@code gemini}, {@code anthropic}, {@code cohere}
 * @param baseUrl may contain {@code {account}}, filled from each key's account (Cloudflare)
 * @param status {@code active}, or {@code retired} / {@code unverified}: kept, but disabled by
 *     default with {@link #statusNote} saying why
 * @param source where the figures come from (URL), checked on {@code checked} (ISO date)
 * @param limitScope where the per-model limits are enforced: {@code key_model} (per key and model,
 *     the default), {@code project_model} (per project and model: keys of one project share)
 * @param sharedLimits limits the platform enforces across several models
 * @param dailyResetZone the time zone whose midnight resets the daily quotas (Gemini: Pacific); UTC when absent
 */
public record PlatformEntry(
        String id,
        String name,
        String format,
        String baseUrl,
        String status,
        String statusNote,
        String source,
        String checked,
        TermsEntry terms,
        RequestQuirks request,
        String limitScope,
        List<SharedLimitEntry> sharedLimits,
        String dailyResetZone,
        List<ModelEntry> models) {

    public PlatformEntry {
        status = status == null ? "active" : status;
        limitScope = limitScope == null ? "key_model" : limitScope;
        request = request == null ? RequestQuirks.none() : request;
        sharedLimits = sharedLimits == null ? List.of() : List.copyOf(sharedLimits);
        models = models == null ? List.of() : List.copyOf(models);
    }

    public boolean activeByDefault() {
        return "active".equals(status);
    }
}
