package dev.freeway.gateway.logging;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks credentials by their shape: auth headers, {@code Bearer} tokens, key query parameters and
 * secret-named JSON fields. Reliability notes §5 lists the headers.
 *
 * <p>Log text is hostile (request headers, provider error bodies), so every pattern is linear:
 * value classes are possessive and cannot overlap what follows them, hence no backtracking beyond
 * a constant per start position. A text that contains none of the {@link #TRIGGERS} skips the
 * regular expressions altogether, which keeps ordinary log lines cheap.
 */
final class CredentialPatterns {
    /** Every pattern below contains one of these (ASCII, case-insensitive). */
    private static final List<String> TRIGGERS = List.of("authoriz", "bearer", "key", "token", "secret", "password");

    // Not a value already masked: keeps mask(mask(x)) equal to mask(x).
    private static final String NOT_MASKED = "(?!\\[redacted])";

    /** {@code "api_key": "…"}, {@code "password":"…"}: the whole string value, escapes included. */
    private static final Pattern JSON_FIELD = Pattern.compile("(?is)(\"(?:(?:x-)?(?:goog-)?api[-_]?key|key|secret"
            + "|secret_id|client_secret|password|token|access_token|refresh_token|client_token"
            + "|authorization|x-vault-token)\"\\s*+:\\s*+\")(?:[^\"\\\\]|\\\\.)*+\"");

    /**
     * {@code Authorization: Bearer …}, {@code x-api-key=…}, {@code 'api_key': '…'}: the value up to
     * a delimiter. An auth scheme stays visible; the optional scheme is possessive so that an
     * already-masked value is left alone instead of masking the scheme word.
     */
    private static final Pattern HEADER = Pattern.compile("(?i)((?:proxy-)?authorization|x-goog-api-key|x-api-key"
            + "|api[-_]?key|x-vault-token)([\"']?\\s*+[:=]\\s*+[\"']?)"
            + "((?:(?:bearer|basic|digest|token|key)\\s++)?+)" + NOT_MASKED + "[^\\s\"',;&#)\\]}>]++");

    /** {@code ?key=…} (Gemini), {@code &api_key=…}, {@code ?token=…}. */
    private static final Pattern QUERY = Pattern.compile("(?i)([?&](?:(?:api[-_]?)?key|access_token|token"
            + "|client_secret|secret|password)=)" + NOT_MASKED + "[^&\\s#\"'<>]++");

    /** A bearer token anywhere, also outside a header. */
    private static final Pattern BEARER = Pattern.compile("(?i)(\\bbearer\\s++)" + NOT_MASKED + "[\\w.~+/=-]++");

    private CredentialPatterns() {}

    static String mask(String text) {
        if (!mayContainCredential(text)) {
            return text;
        }
        String masked = JSON_FIELD.matcher(text).replaceAll("$1" + KnownSecrets.REDACTED + "\"");
        masked = HEADER.matcher(masked).replaceAll("$1$2$3" + KnownSecrets.REDACTED);
        masked = QUERY.matcher(masked).replaceAll("$1" + KnownSecrets.REDACTED);
        return BEARER.matcher(masked).replaceAll("$1" + KnownSecrets.REDACTED);
    }

    /** One pass, no allocation: false means no pattern can match. */
    static boolean mayContainCredential(String text) {
        for (int i = 0; i < text.length(); i++) {
            char lower = asciiLower(text.charAt(i));
            for (String trigger : TRIGGERS) {
                if (trigger.charAt(0) == lower && text.regionMatches(true, i, trigger, 0, trigger.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
