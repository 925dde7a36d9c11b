package dev.freeway.gateway.provider;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Reads the values upstreams put in rate-limit headers. Scanned by hand because it runs on every
 * upstream response: no regex, no exception for a bad number. An upstream is untrusted, so anything
 * unreadable or absurd reads as "not said" and nothing here throws.
 */
final class RateLimitValues {
    /** What {@link #count} returns for a value that is not a count. */
    static final long UNREADABLE = Long.MIN_VALUE;

    /** No provider counts a trillion requests or tokens in one window; a larger number is garbage. */
    private static final long MAX_COUNT = 1_000_000_000_000L;

    /** A bare reset this large is an epoch stamp in milliseconds (OpenRouter): 10^12 ms is in 2001. */
    private static final double EPOCH_MILLIS_FLOOR = 1e12;

    /** A bare reset this large is an epoch stamp in seconds: 10^9 s is in 2001, no delta is that long. */
    private static final double EPOCH_SECONDS_FLOOR = 1e9;

    /** The longest window read here is a day; a reset further off, beyond a minute of skew, is garbage. */
    private static final long MAX_RESET_MILLIS = 86_400_000L + 60_000L;

    private RateLimitValues() {}

    /** A whole number, possibly negative; {@link #UNREADABLE} when it is not one or exceeds 10^12. */
    static long count(String value) {
        int from = start(value);
        int to = end(value, from);
        boolean negative = from < to && value.charAt(from) == '-';
        if (negative) {
            from++;
        }
        if (from == to) {
            return UNREADABLE;
        }
        long count = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return UNREADABLE;
            }
            count = count * 10 + (c - '0');
            if (count > MAX_COUNT) {
                return UNREADABLE;
            }
        }
        return negative ? -count : count;
    }

    /**
     * When a window is whole again, in epoch millis, or -1 when unreadable or more than a day off.
     * Providers disagree on the form under similar names, but the forms cannot be confused: a
     * Go-style duration ("6m0s", "2m59.56s", "120ms"; OpenAI, Groq), bare seconds from now (Cerebras,
     * also fractional), or a bare epoch stamp in milliseconds (OpenRouter) or seconds. A stamp already
     * past means the window has reset by now.
     */
    static long resetAt(String value, long nowEpochMillis) {
        double number = number(value);
        if (number >= EPOCH_MILLIS_FLOOR) {
            return stamp(number, nowEpochMillis);
        }
        if (number >= EPOCH_SECONDS_FLOOR) {
            return stamp(number * 1_000, nowEpochMillis);
        }
        double delta = Double.isNaN(number) ? durationMillis(value) : number * 1_000;
        if (Double.isNaN(delta)) {
            long at = isoInstant(value);
            delta = at < 0 ? Double.NaN : at - nowEpochMillis;
        }
        return Double.isNaN(delta) || delta > MAX_RESET_MILLIS ? -1 : nowEpochMillis + Math.round(Math.max(0, delta));
    }

    /** An RFC 3339 timestamp (Anthropic's resets), as epoch millis; -1 when not one. */
    static long isoInstant(String value) {
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME
                    .parse(value.trim(), Instant::from)
                    .toEpochMilli();
        } catch (DateTimeException notATimestamp) {
            return -1;
        }
    }

    /** A non-negative decimal ("7", "1.5", ".5"); NaN for anything else, signs and exponents included. */
    static double number(String value) {
        int from = start(value);
        int to = end(value, from);
        return decimalEnd(value, from, to) == to ? decimal(value, from, to) : Double.NaN;
    }

    /** An HTTP date in the RFC 1123 form servers send, as epoch millis; -1 when not one. */
    static long httpDate(String value) {
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME
                    .parse(value.trim(), Instant::from)
                    .toEpochMilli();
        } catch (DateTimeException notADate) {
            return -1;
        }
    }

    private static long stamp(double epochMillis, long nowEpochMillis) {
        long at = Math.round(epochMillis);
        return Math.abs(at - nowEpochMillis) > MAX_RESET_MILLIS ? -1 : Math.max(at, nowEpochMillis);
    }

    /** Milliseconds in one or more decimal-and-unit pairs, Go's time.ParseDuration form; NaN otherwise. */
    private static double durationMillis(String value) {
        int i = start(value);
        int to = end(value, i);
        if (i == to) {
            return Double.NaN;
        }
        double total = 0;
        while (i < to) {
            int numberEnd = decimalEnd(value, i, to);
            if (numberEnd < 0) {
                return Double.NaN;
            }
            int unitEnd = numberEnd;
            while (unitEnd < to && !isDigitOrDot(value.charAt(unitEnd))) {
                unitEnd++;
            }
            double unit = unitMillis(value, numberEnd, unitEnd);
            if (Double.isNaN(unit)) {
                return Double.NaN;
            }
            total += decimal(value, i, numberEnd) * unit;
            i = unitEnd;
        }
        return total;
    }

    private static double unitMillis(String value, int from, int to) {
        if (to - from == 1) {
            return switch (value.charAt(from)) {
                case 'h' -> 3_600_000;
                case 'm' -> 60_000;
                case 's' -> 1_000;
                default -> Double.NaN;
            };
        }
        if (to - from == 2 && value.charAt(from + 1) == 's') {
            return switch (value.charAt(from)) {
                case 'm' -> 1;
                case 'u', '\u00b5', '\u03bc' -> 0.001;
                case 'n' -> 0.000_001;
                default -> Double.NaN;
            };
        }
        return Double.NaN;
    }

    /** End of the digits (with at most one '.') starting at {@code from}; -1 when no digit is there. */
    private static int decimalEnd(String value, int from, int to) {
        boolean digits = false;
        boolean dot = false;
        int i = from;
        for (; i < to; i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        return digits ? i : -1;
    }

    /** Value of a range {@link #decimalEnd} accepted. */
    private static double decimal(String value, int from, int to) {
        double mantissa = 0;
        int fractionDigits = -1;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c == '.') {
                fractionDigits = 0;
            } else {
                mantissa = mantissa * 10 + (c - '0');
                if (fractionDigits >= 0) {
                    fractionDigits++;
                }
            }
        }
        return fractionDigits > 0 ? mantissa / Math.pow(10, fractionDigits) : mantissa;
    }

    private static boolean isDigitOrDot(char c) {
        return c >= '0' && c <= '9' || c == '.';
    }

    private static int start(String value) {
        int i = 0;
        while (i < value.length() && isBlank(value.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int end(String value, int start) {
        int i = value.length();
        while (i > start && isBlank(value.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
