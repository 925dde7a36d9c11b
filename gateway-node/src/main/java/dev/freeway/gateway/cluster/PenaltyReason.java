package dev.freeway.gateway.cluster;

/** Why an upstream call failed, as far as penalties care. */
public enum PenaltyReason {
    /** 429: three points, and the key cools down (escalating over repeats, at least Retry-After). */
    RATE_LIMITED(3_000, true),
    /**
     * 429 naming an empty window and when it resets (rate-limit headers and Retry-After): three
     * points, and the key cools down until that reset only; the ledger already holds the window
     * at zero, so guessing a longer cooldown would only waste the next window.
     */
    WINDOW_EXHAUSTED(3_000, true),
    /**
     * 429 naming a daily or monthly quota: three points, and the key (or the pool that ran out)
     * is benched until the stated reset, never longer and never guessed from repeated 429s.
     */
    QUOTA_EXHAUSTED(3_000, true),
    /** The account has no credit left (402, insufficient_quota): three points and a long bench of the key. */
    OUT_OF_CREDIT(3_000, true),
    /** 5xx, timeout, connection error, malformed answer: one point, no cooldown. */
    FAILED(1_000, false),
    /** The provider refused the key itself (401/403/402): three points and a long bench. */
    KEY_REJECTED(3_000, true);

    private final long milliPoints;
    private final boolean benchesKey;

    PenaltyReason(long milliPoints, boolean benchesKey) {
        this.milliPoints = milliPoints;
        this.benchesKey = benchesKey;
    }

    public long milliPoints() {
        return milliPoints;
    }

    public boolean benchesKey() {
        return benchesKey;
    }
}
