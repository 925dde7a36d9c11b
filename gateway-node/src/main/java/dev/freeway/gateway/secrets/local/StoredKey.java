package dev.freeway.gateway.secrets.local;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.secrets.Secret;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One provider key as the local store keeps it. {@code toString()} shows only the last four
 * characters, like everything an operator sees.
 *
 * @param account null when the key has none
 * @param project null when the key is its own project
 */
public record StoredKey(Secret secret, String account, String project, Instant addedAt) {
    private static final int MAX_VALUE_LENGTH = 4096;
    private static final int MAX_LABEL_LENGTH = 256;

    /**
     * A key about to be added, checked so that nothing stored can break an upstream request: the
     * value becomes an {@code Authorization} header and the account part of a URL.
     *
     * @throws KeyChangeRefused with {@link KeyChangeRefused.Reason#INVALID}; the message never
     *     contains the value
     */
    static StoredKey of(KeyConfig config, Instant now) {
        String value = config.value();
        if (value == null || value.isEmpty()) {
            throw invalid("the key is empty");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw invalid("the key is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        if (!printable(value)) {
            throw invalid("the key contains spaces, control or non-ASCII characters");
        }
        return new StoredKey(
                Secret.of(value),
                label("account", config.account()),
                label("project", config.project()),
                now.truncatedTo(ChronoUnit.SECONDS));
    }

    /** {@code …abcd}: the last four characters, or just {@code …} for keys too short to show any. */
    public String masked() {
        return secret.masked();
    }

    /** Whether {@code last4} is what {@link #masked()} shows; a key too short to show any never matches. */
    boolean endsWith(String last4) {
        return masked().equals("…" + last4);
    }

    boolean sameValue(StoredKey other) {
        return secret.reveal().equals(other.secret.reveal());
    }

    KeyConfig toConfig() {
        return new KeyConfig(secret.reveal(), account, project);
    }

    private static String label(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_LABEL_LENGTH || !printable(value)) {
            throw invalid("the " + name + " must be at most " + MAX_LABEL_LENGTH
                    + " printable ASCII characters without spaces");
        }
        return value;
    }

    private static boolean printable(String value) {
        return value.chars().allMatch(c -> c > ' ' && c < 0x7f);
    }

    private static KeyChangeRefused invalid(String message) {
        return new KeyChangeRefused(KeyChangeRefused.Reason.INVALID, message);
    }
}
