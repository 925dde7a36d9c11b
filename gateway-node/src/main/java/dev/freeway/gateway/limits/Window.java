package dev.freeway.gateway.limits;

import java.time.Duration;

/**
 * One provider accounting window of a scope. Each is its own bucket so a provider's report about
 * one window (its remaining requests today, say) corrects that window and no other.
 */
public enum Window {
    REQUESTS_MINUTE("rm", Duration.ofMinutes(1)),
    REQUESTS_DAY("rd", Duration.ofDays(1)),
    TOKENS_MINUTE("tm", Duration.ofMinutes(1)),
    TOKENS_DAY("td", Duration.ofDays(1));

    private static final Window[] ALL = values();

    private final String tag;
    private final Duration length;

    Window(String tag, Duration length) {
        this.tag = tag;
        this.length = length;
    }

    public static Window[] all() {
        return ALL;
    }

    /** Short name used in bucket keys. */
    public String tag() {
        return tag;
    }

    public Duration length() {
        return length;
    }

    public boolean countsTokens() {
        return this == TOKENS_MINUTE || this == TOKENS_DAY;
    }

    /** The configured limit of this window; 0 = none. */
    public long limit(Limits limits) {
        return switch (this) {
            case REQUESTS_MINUTE -> limits.rpm();
            case REQUESTS_DAY -> limits.rpd();
            case TOKENS_MINUTE -> limits.tpm();
            case TOKENS_DAY -> limits.tpd();
        };
    }

    /** Whether an admission of {@code tokens} touches this window: it is limited and the admission costs it something. */
    public boolean meters(Limits limits, long tokens) {
        return limit(limits) > 0 && cost(tokens) > 0;
    }

    /** What one admission takes from this window. */
    public long cost(long tokens) {
        return countsTokens() ? tokens : 1;
    }

    /** Index of the window containing {@code epochMillis}; windows are aligned to the UTC epoch. */
    public long index(long epochMillis) {
        return Math.floorDiv(epochMillis, length.toMillis());
    }

    /** When the window containing {@code epochMillis} ends: the first millisecond of the next one. */
    public long endMillis(long epochMillis) {
        return (index(epochMillis) + 1) * length.toMillis();
    }
}
