package dev.freeway.loadtest.simulator;

import io.vertx.core.MultiMap;

/**
 * Where a key stands in one kind of limit, as the OpenAI x-ratelimit-*-{requests,tokens} headers say it.
 *
 * @param windowMillis the length of the limit's window: a minute or a day
 */
record Quota(Unit unit, int limit, long remaining, long resetMillis, long windowMillis) {
    enum Unit {
        REQUESTS("requests"),
        TOKENS("tokens");

        /** The unit as people write it: "requests", "tokens". */
        final String plural;

        private final String limitHeader;
        private final String remainingHeader;
        private final String resetHeader;

        Unit(String name) {
            plural = name;
            limitHeader = "x-ratelimit-limit-" + name;
            remainingHeader = "x-ratelimit-remaining-" + name;
            resetHeader = "x-ratelimit-reset-" + name;
        }
    }

    void writeHeaders(MultiMap headers) {
        headers.set(unit.limitHeader, Integer.toString(limit))
                .set(unit.remainingHeader, Long.toString(remaining))
                .set(unit.resetHeader, goDuration(resetSeconds()));
    }

    /** Whether this is a per-day limit rather than a per-minute one. */
    boolean daily() {
        return windowMillis == RateLimiter.DAY_MILLIS;
    }

    /** Whole seconds until the window resets, rounded up so a client waiting that long is never early. */
    long resetSeconds() {
        return Math.max(1, (resetMillis + 999) / 1000);
    }

    /** OpenAI formats resets like Go durations: "12s", "6m0s", "3h2m1s". */
    private static String goDuration(long seconds) {
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (hours > 0) {
            return hours + "h" + minutes + "m" + secs + "s";
        }
        return minutes > 0 ? minutes + "m" + secs + "s" : secs + "s";
    }
}
