package dev.freeway.gateway.secrets.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.secrets.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plaintext inside the store: {@code {"providers": {"groq": [{"value": "...", "account": "...",
 * "project": "...", "added_at": "2026-05-01T10:00:00Z"}]}}}. It exists only in memory, between
 * decryption and parsing, and the byte arrays are wiped by the caller.
 */
final class StoreCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreCodec() {}

    static byte[] encode(StoreState state) {
        ObjectNode providers = JSON.createObjectNode();
        state.providers().forEach((id, keys) -> {
            ArrayNode list = providers.putArray(id);
            for (StoredKey key : keys) {
                ObjectNode entry = list.addObject().put("value", key.secret().reveal());
                if (key.account() != null) {
                    entry.put("account", key.account());
                }
                if (key.project() != null) {
                    entry.put("project", key.project());
                }
                entry.put("added_at", key.addedAt().toString());
            }
        });
        try {
            return JSON.writeValueAsBytes(JSON.createObjectNode().set("providers", providers));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Reports a malformed payload without quoting it: it holds keys. */
    static StoreState decode(long revision, byte[] plain, Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(plain);
        } catch (IOException e) {
            throw damaged(file);
        }
        JsonNode providers = root == null ? null : root.get("providers");
        if (providers == null || !providers.isObject()) {
            throw damaged(file);
        }
        Map<String, List<StoredKey>> keys = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = providers.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> provider = fields.next();
            List<StoredKey> list = new ArrayList<>();
            for (JsonNode entry : provider.getValue()) {
                list.add(key(entry, file));
            }
            keys.put(provider.getKey(), list);
        }
        return new StoreState(revision, keys);
    }

    private static StoredKey key(JsonNode entry, Path file) {
        String value = entry.path("value").asText("");
        if (value.isEmpty()) {
            throw damaged(file);
        }
        try {
            return new StoredKey(
                    Secret.of(value),
                    entry.hasNonNull("account") ? entry.get("account").asText() : null,
                    entry.hasNonNull("project") ? entry.get("project").asText() : null,
                    Instant.parse(entry.path("added_at").asText()));
        } catch (DateTimeException e) {
            throw damaged(file);
        }
    }

    private static LocalStoreException damaged(Path file) {
        return new LocalStoreException("the key store " + file + " decrypted but its content is not valid");
    }
}
