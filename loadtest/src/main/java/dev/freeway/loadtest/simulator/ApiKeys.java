package dev.freeway.loadtest.simulator;

/** Reads API keys from where the formats put them; a blank key counts as none. */
final class ApiKeys {
    private static final String BEARER = "Bearer ";

    private ApiKeys() {}

    /** The key of an {@code Authorization: Bearer <key>} header value, or null. */
    static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return plain(authorization.substring(BEARER.length()));
    }

    /** A key sent as it is (a header such as {@code x-api-key}, or a query parameter), or null. */
    static String plain(String value) {
        if (value == null) {
            return null;
        }
        String key = value.trim();
        return key.isEmpty() ? null : key;
    }
}
