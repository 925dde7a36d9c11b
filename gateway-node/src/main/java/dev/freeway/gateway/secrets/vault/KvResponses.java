package dev.freeway.gateway.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freeway.gateway.config.KeyConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads KV v2 answers ourselves rather than through the driver's parsed views, because the driver
 * swallows parse errors and would turn a malformed 200 into "no providers" or "no keys". Messages
 * name fields and positions, never values.
 */
final class KvResponses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEY_FIELDS = Set.of("value", "account", "project");

    /** One provider's secret: its keys and the KV version they came from. */
    record ProviderSecret(List<KeyConfig> keys, long version) {}

    private KvResponses() {}

    /** Provider ids from a metadata LIST; folders below the path (names ending in "/") are not providers. */
    static List<String> providerIds(String call, byte[] body) throws VaultCallException {
        JsonNode keys = parse(call, body).path("data").path("keys");
        if (!keys.isArray()) {
            throw VaultCallException.malformed(call, "data.keys is not a list");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode key : keys) {
            if (!key.isTextual() || key.asText().isEmpty()) {
                throw VaultCallException.malformed(call, "data.keys holds something other than names");
            }
            if (!key.asText().endsWith("/")) {
                ids.add(key.asText());
            }
        }
        return ids;
    }

    /** The field {@code keys} of {@code data.data} and the version in {@code data.metadata}. */
    static ProviderSecret providerSecret(String call, byte[] body) throws VaultCallException {
        JsonNode data = parse(call, body).path("data");
        JsonNode version = data.path("metadata").path("version");
        if (!version.isIntegralNumber()) {
            throw VaultCallException.malformed(call, "data.metadata.version is not a number");
        }
        JsonNode keys = data.path("data").path("keys");
        if (keys.isMissingNode()) {
            throw VaultCallException.malformed(call, "the secret has no field keys");
        }
        if (!keys.isArray()) {
            throw VaultCallException.malformed(call, "field keys is not a list");
        }
        List<KeyConfig> parsed = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            parsed.add(key(call, i, keys.get(i)));
        }
        return new ProviderSecret(List.copyOf(parsed), version.asLong());
    }

    private static KeyConfig key(String call, int index, JsonNode item) throws VaultCallException {
        String where = "keys[" + index + "]";
        if (item.isTextual()) {
            if (item.asText().isBlank()) {
                throw VaultCallException.malformed(call, where + " is empty");
            }
            return KeyConfig.of(item.asText());
        }
        if (!item.isObject()) {
            throw VaultCallException.malformed(call, where + " must be a string or an object with value");
        }
        for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEY_FIELDS.contains(name)) {
                // A misspelt field must not be dropped silently; field names are not secret.
                throw VaultCallException.malformed(call, where + " has an unknown field " + name);
            }
        }
        KeyConfig key = new KeyConfig(
                text(call, where, item, "value"),
                text(call, where, item, "account"),
                text(call, where, item, "project"));
        if (!key.present()) {
            throw VaultCallException.malformed(call, where + " has no value");
        }
        return key;
    }

    private static String text(String call, String where, JsonNode item, String field) throws VaultCallException {
        JsonNode value = item.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw VaultCallException.malformed(call, where + "." + field + " is not a string");
        }
        return value.asText();
    }

    private static JsonNode parse(String call, byte[] body) throws VaultCallException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw VaultCallException.malformed(call, "not JSON");
        }
    }
}
