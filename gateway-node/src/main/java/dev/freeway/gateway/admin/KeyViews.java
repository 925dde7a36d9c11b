package dev.freeway.gateway.admin;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.secrets.KeySnapshot;
import dev.freeway.gateway.secrets.Secret;
import dev.freeway.gateway.secrets.local.KeyEntry;
import dev.freeway.gateway.secrets.local.StoredKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keys as the admin API shows them: masked to their last four characters, never the value. */
final class KeyViews {
    private KeyViews() {}

    static JsonObject stored(Map<String, List<StoredKey>> keys, KeySnapshot serving) {
        JsonObject providers = new JsonObject();
        keys.forEach((provider, list) -> {
            JsonArray entries = new JsonArray();
            for (int i = 0; i < list.size(); i++) {
                entries.add(entry(i, list.get(i)));
            }
            providers.put(provider, entries);
        });
        return listing(true, serving, providers);
    }

    static JsonObject serving(KeySnapshot serving) {
        JsonObject providers = new JsonObject();
        new TreeMap<>(serving.keys()).forEach((provider, list) -> {
            JsonArray entries = new JsonArray();
            for (int i = 0; i < list.size(); i++) {
                KeyConfig key = list.get(i);
                if (key.present()) {
                    entries.add(labels(
                            new JsonObject()
                                    .put("index", i)
                                    .put("key", Secret.of(key.value()).masked()),
                            key.account(),
                            key.project()));
                }
            }
            providers.put(provider, entries);
        });
        return listing(false, serving, providers);
    }

    static JsonObject added(KeyEntry entry) {
        return entry(entry.index(), entry.key()).put("provider", entry.provider());
    }

    private static JsonObject listing(boolean writable, KeySnapshot serving, JsonObject providers) {
        return new JsonObject()
                .put("writable", writable)
                .put("serving_version", serving.version())
                .put("providers", providers);
    }

    private static JsonObject entry(int index, StoredKey key) {
        return labels(new JsonObject().put("index", index).put("key", key.masked()), key.account(), key.project())
                .put("added_at", key.addedAt().toString());
    }

    private static JsonObject labels(JsonObject entry, String account, String project) {
        if (account != null) {
            entry.put("account", account);
        }
        if (project != null) {
            entry.put("project", project);
        }
        return entry;
    }
}
