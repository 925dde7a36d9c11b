package dev.freeway.gateway.secrets.vault;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.secrets.KeySnapshot;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Reads the whole provider-key layout: LIST {@code <mount>/metadata/<path>} for the provider ids,
 * then READ {@code <mount>/data/<path>/<provider>} for each. All or nothing: any answer but 200
 * fails the read, so a 403 or 404 can never look like "no keys".
 */
final class ProviderKeysReader {
    private final VaultClients clients;
    private final String mount;
    private final String path;

    ProviderKeysReader(VaultClients clients, String path) {
        this.clients = clients;
        this.mount = clients.kvMount();
        this.path = VaultClients.trimSlashes(path);
    }

    KeySnapshot read(Vault vault) throws VaultCallException {
        List<String> providers = listProviders(vault);
        Map<String, List<KeyConfig>> keys = new TreeMap<>();
        StringJoiner version = new StringJoiner(",");
        for (String provider : providers) {
            KvResponses.ProviderSecret secret = readProvider(vault, provider);
            keys.put(provider, secret.keys());
            version.add(provider + "@" + secret.version());
        }
        return new KeySnapshot(keys, providers.isEmpty() ? "none" : version.toString());
    }

    private List<String> listProviders(Vault vault) throws VaultCallException {
        String call = "LIST " + join(mount, "metadata", path);
        // The driver inserts "metadata" after the mount (prefix depth = the mount's segments).
        LogicalResponse response = clients.call(call, () -> vault.logical().list(join(mount, path)));
        List<String> providers = new ArrayList<>(KvResponses.providerIds(call, body(call, response)));
        providers.sort(null);
        return providers;
    }

    private KvResponses.ProviderSecret readProvider(Vault vault, String provider) throws VaultCallException {
        String call = "READ " + join(mount, "data", path, provider);
        LogicalResponse response = clients.call(call, () -> vault.logical().read(join(mount, path, provider)));
        return KvResponses.providerSecret(call, body(call, response));
    }

    /** Vault paths from segments; an empty {@code path} puts the providers at the mount's root. */
    private static String join(String... segments) {
        StringJoiner joined = new StringJoiner("/");
        for (String segment : segments) {
            if (!segment.isEmpty()) {
                joined.add(segment);
            }
        }
        return joined.toString();
    }

    /** The driver returns 4xx answers instead of throwing them, so every status is checked here. */
    private static byte[] body(String call, LogicalResponse response) throws VaultCallException {
        if (response == null) {
            throw VaultCallException.malformed(call, "no answer from the driver");
        }
        int status = response.getRestResponse().getStatus();
        if (status != 200) {
            throw VaultCallException.status(call, status);
        }
        return response.getRestResponse().getBody();
    }
}
