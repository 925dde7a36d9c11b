package dev.freeway.gateway.logging;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The redaction choke point: every line logback writes passes through {@link #mask(String)} (see
 * {@link MaskingMessageConverter}, {@link MaskingThrowableConverter} and {@code logback.xml}).
 *
 * <p>It masks two things: the exact values this process has registered as secret (provider keys,
 * the admin token, the Vault token), and credential shapes it can recognise without being told
 * ({@code Bearer …}, {@code Authorization:}, {@code x-api-key:}, {@code ?key=}, {@code
 * "api_key":"…"}, …), which catches keys that were never registered, such as a client's key echoed
 * in a provider error body. It also escapes line breaks, so that user-supplied text cannot forge a
 * log line (CWE-117).
 *
 * <p>Threading: every method may be called from any thread. {@link #mask} reads an immutable
 * snapshot through one volatile field and takes no lock, so logging never waits on {@link
 * #register}; a value registered concurrently with a log call may or may not be masked in that
 * one line.
 */
public final class KnownSecrets {
    /** What a masked value or credential becomes. */
    public static final String REDACTED = "[redacted]";

    /**
     * Values shorter than this are not registered: no real key is that short, and masking a short
     * common string ({@code "test"}, {@code "1234"}) everywhere would garble logs for nothing.
     */
    public static final int MIN_LENGTH = 8;

    // Longest first, so that a value containing another registered value is masked whole.
    private static final Comparator<String> LONGEST_FIRST =
            Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder());

    private static final Object WRITE_LOCK = new Object();
    private static volatile String[] values = new String[0];

    private KnownSecrets() {}

    /**
     * Masks {@code value} in every log line from now on.
     *
     * @return whether the value is masked: false for null and for values shorter than {@link
     *     #MIN_LENGTH}, which are ignored
     */
    public static boolean register(String value) {
        if (value == null || value.length() < MIN_LENGTH) {
            return false;
        }
        synchronized (WRITE_LOCK) {
            String[] current = values;
            if (Arrays.binarySearch(current, value, LONGEST_FIRST) < 0) {
                String[] next = Arrays.copyOf(current, current.length + 1);
                next[current.length] = value;
                Arrays.sort(next, LONGEST_FIRST);
                values = next;
            }
        }
        return true;
    }

    /**
     * Stops masking {@code value}. There is one registration per value, however many callers
     * registered it, so forget a value only when no source holds it any more (after a rotation
     * removed it everywhere). Masking a revoked key costs nothing, so when in doubt, keep it.
     */
    public static void forget(String value) {
        if (value == null) {
            return;
        }
        synchronized (WRITE_LOCK) {
            String[] current = values;
            int index = Arrays.binarySearch(current, value, LONGEST_FIRST);
            if (index >= 0) {
                String[] next = new String[current.length - 1];
                System.arraycopy(current, 0, next, 0, index);
                System.arraycopy(current, index + 1, next, index, next.length - index);
                values = next;
            }
        }
    }

    /**
     * {@code text} with every registered value and recognised credential replaced by {@link
     * #REDACTED}, and CR, LF and the Unicode line separators escaped as {@code \r}, {@code \n},
     * {@code \u2028}, so the result is one line. Returns {@code text} itself (no copy) when there is
     * nothing to change; null stays null.
     */
    /** Every registered value: for the suite's leak scan, in this package only. */
    static List<String> registered() {
        return List.of(values);
    }

    public static String mask(String text) {
        return text == null ? null : LineBreaks.escape(maskKeepingLines(text));
    }

    /** Like {@link #mask} but leaves line breaks alone, for a stack trace whose lines are structure. */
    static String maskKeepingLines(String text) {
        String masked = text;
        // One volatile read: the loop sees a consistent set even while register() runs.
        for (String value : values) {
            if (masked.contains(value)) {
                masked = masked.replace(value, REDACTED);
            }
        }
        return CredentialPatterns.mask(masked);
    }
}
