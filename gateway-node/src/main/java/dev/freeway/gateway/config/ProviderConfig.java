package dev.freeway.gateway.config;

import java.util.List;
import java.util.Map;

/**
 * One upstream platform. Empty keys (an unset {@code ${VAR:-}}) are dropped, so a platform without
 * keys is simply disabled.
 *
 * @param format the wire format, which selects the adapter ({@code openai})
 * @param headers extra static headers the platform needs (never credentials)
 */
public record ProviderConfig(
        String format, String baseUrl, List<String> keys, Map<String, String> headers, TimeoutsConfig timeouts) {

    public ProviderConfig {
        format = format == null ? "openai" : format;
        keys = keys == null
                ? List.of()
                : keys.stream().filter(k -> k != null && !k.isBlank()).toList();
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        timeouts = timeouts == null ? TimeoutsConfig.defaults() : timeouts;
    }

    @Override
    public String toString() {
        return "ProviderConfig[format=" + format + ", baseUrl=" + baseUrl + ", keys=" + keys.size() + "]";
    }
}
