package dev.freeway.loadtest.simulator;

import io.vertx.core.MultiMap;

/** The outcome of a rate-limit check, as the OpenAI x-ratelimit-* headers describe it. */
record RateDecision(boolean allowed, int limit, int remaining, long resetMillis) {
    /** No limit configured: nothing to advertise, so no headers are written. */
    static final RateDecision UNLIMITED = new RateDecision(true, 0, 0, 0);

    void writeHeaders(MultiMap headers) {
        if (this == UNLIMITED) {
            return;
        }
        headers.set("x-ratelimit-limit-requests", Integer.toString(limit))
                .set("x-ratelimit-remaining-requests", Integer.toString(remaining))
                .set("x-ratelimit-reset-requests", goDuration(resetSeconds()));
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
