package dev.freeway.gateway.provider;

import dev.freeway.gateway.secrets.ProviderKey;
import io.vertx.core.buffer.Buffer;

/**
 * Removes the provider key from an upstream error body before it can reach a client or a log:
 * some providers echo the credential they rejected.
 */
public final class KeyScrubber {
    static final String MASK = "[redacted]";

    private KeyScrubber() {}

    public static Buffer scrub(Buffer body, ProviderKey key) {
        if (body == null || body.length() == 0) {
            return body;
        }
        String text = body.toString();
        String value = key.secret().reveal();
        return text.contains(value) ? Buffer.buffer(text.replace(value, MASK)) : body;
    }
}
