package dev.freeway.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays the operator's config over the shipped catalog, as YAML trees before binding: every catalog
 * platform becomes a provider and its models become models; the operator's {@code providers.<id>}
 * and {@code models} entries (matched by provider and id) override any field, and anything the
 * catalog does not know is added. A platform is enabled by giving it a key.
 * {@code catalog.enabled: false} skips the catalog altogether.
 */
public final class CatalogOverlay {
    /** Catalog fields that document the data and have no effect on serving. */
    private static final List<String> DOCUMENTATION = List.of("id", "source", "checked");

    private CatalogOverlay() {}

    public static void apply(ObjectNode config, List<ObjectNode> platforms) {
        if (!config.path("catalog").path("enabled").asBoolean(true)) {
            return;
        }
        ObjectNode providers = config.objectNode();
        ArrayNode models = config.arrayNode();
        for (ObjectNode platform : platforms) {
            String id = platform.path("id").asText();
            ObjectNode provider = platform.deepCopy();
            provider.remove(DOCUMENTATION);
            provider.remove("models");
            providers.set(id, provider);
            for (JsonNode entry : platform.path("models")) {
                ObjectNode model = ((ObjectNode) entry).deepCopy();
                model.remove(List.of("source", "checked"));
                model.put("provider", id);
                models.add(model);
            }
        }
        mergeProviders(providers, config.path("providers"));
        mergeModels(models, config.path("models"));
        config.set("providers", providers);
        config.set("models", models);
    }

    private static void mergeProviders(ObjectNode providers, JsonNode operator) {
        operator.fields().forEachRemaining(entry -> {
            JsonNode base = providers.get(entry.getKey());
            if (base instanceof ObjectNode object && entry.getValue() instanceof ObjectNode) {
                deepMerge(object, entry.getValue());
            } else {
                providers.set(entry.getKey(), entry.getValue());
            }
        });
    }

    /** An operator entry overrides the catalog's model of that provider and id; two operator entries stay two. */
    private static void mergeModels(ArrayNode models, JsonNode operator) {
        int catalogModels = models.size();
        Set<JsonNode> overridden = Collections.newSetFromMap(new IdentityHashMap<>());
        for (JsonNode override : operator) {
            String provider = override.path("provider").asText();
            ObjectNode match =
                    find(models, catalogModels, provider, override.path("id").asText());
            if (match != null && override.isObject() && overridden.add(match)) {
                deepMerge(match, override);
            } else {
                models.add(override);
            }
        }
    }

    private static ObjectNode find(ArrayNode models, int count, String provider, String id) {
        for (int i = 0; i < count; i++) {
            JsonNode model = models.get(i);
            if (model.path("provider").asText().equals(provider)
                    && model.path("id").asText().equals(id)) {
                return (ObjectNode) model;
            }
        }
        return null;
    }

    /** Objects merge key by key; anything else (lists included) is replaced. */
    static void deepMerge(ObjectNode base, JsonNode override) {
        Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode object && field.getValue().isObject()) {
                deepMerge(object, field.getValue());
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }
}
