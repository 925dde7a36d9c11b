package dev.freeway.gateway.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * {@code fw_live_<id>_<secret>}: the id (64 random bits, hex) is visible so a key can be found by
 * it and named in listings and logs without its secret; the secret is 256 random bits, base64url.
 * The id is hex, so the first underscore after it ends it even though base64url may contain one.
 */
final class IssuedKeyFormat {
    static final String PREFIX = "fw_live_";
    private static final int ID_BYTES = 8;
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private IssuedKeyFormat() {}

    static String newId() {
        byte[] id = new byte[ID_BYTES];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    static String newKey(String id) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The id of a well-formed issued key, or null for anything else (config keys included). */
    static String idOf(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return null;
        }
        int end = key.indexOf('_', PREFIX.length());
        if (end != PREFIX.length() + 2 * ID_BYTES || end == key.length() - 1) {
            return null;
        }
        String id = key.substring(PREFIX.length(), end);
        return isHex(id) ? id : null;
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
