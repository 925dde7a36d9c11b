package dev.freeway.gateway.secrets;

import dev.freeway.gateway.logging.KnownSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A credential that cannot leak by accident: {@code toString()} prints a mask, only the upstream
 * dispatch code calls {@link #reveal()}, and every value is registered with {@link KnownSecrets}
 * so the log choke point masks it wherever it might still turn up.
 */
public final class Secret {
    private final String value;
    private final String fingerprint;

    private Secret(String value) {
        this.value = value;
        this.fingerprint = sha256Hex(value).substring(0, 12);
    }

    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty secret");
        }
        KnownSecrets.register(value);
        return new Secret(value);
    }

    /** The plain value, for the Authorization header of an upstream call and nothing else. */
    public String reveal() {
        return value;
    }

    /** A stable, non-reversible id, safe for cluster keys and logs. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The last four characters, the only part an operator ever sees. */
    public String masked() {
        return "…" + (value.length() > 8 ? value.substring(value.length() - 4) : "");
    }

    @Override
    public String toString() {
        return "Secret[" + masked() + "]";
    }

    public static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value));
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
