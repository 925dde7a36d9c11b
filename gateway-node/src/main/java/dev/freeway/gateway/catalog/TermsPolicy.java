package dev.freeway.gateway.catalog;

import dev.freeway.gateway.catalog.entry.TermsEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's exclusions by free-tier terms ({@code shared_use:forbidden},
 * {@code production:evaluation_only}...), so a shared deployment stays within each platform's terms.
 */
public final class TermsPolicy {
    private final List<String> excluded;

    public TermsPolicy(List<String> excluded) {
        this.excluded = excluded;
    }

    /** The first exclusion the terms match, or null. A platform without recorded terms matches none. */
    public String excludedBy(TermsEntry terms) {
        if (terms == null) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        fields.put("free_tier", terms.freeTier());
        fields.put("shared_use", terms.sharedUse());
        fields.put("production", terms.production());
        fields.put("trains_on_prompts", terms.trainsOnPrompts());
        for (String rule : excluded) {
            int colon = rule.indexOf(':');
            if (colon > 0 && rule.substring(colon + 1).equals(fields.get(rule.substring(0, colon)))) {
                return rule;
            }
        }
        return null;
    }
}
