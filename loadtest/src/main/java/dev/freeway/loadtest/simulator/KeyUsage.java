package dev.freeway.loadtest.simulator;

/**
 * One key's requests and tokens in its current minute and UTC day. Immutable, so a single CAS checks and
 * moves every window of the key at once: concurrent requests never see another's half-taken quota.
 */
record KeyUsage(long minute, long day, long minuteRequests, long minuteTokens, long dayRequests, long dayTokens) {

    /** A key that has not been seen: any window it is asked about starts empty. */
    static final KeyUsage NONE = new KeyUsage(-1, -1, 0, 0, 0, 0);

    /** This usage as seen in {@code minute} of {@code day}: windows that have ended start from zero. */
    KeyUsage at(long minute, long day) {
        if (minute == this.minute) {
            return this;
        }
        boolean sameDay = day == this.day;
        return new KeyUsage(minute, day, 0, 0, sameDay ? dayRequests : 0, sameDay ? dayTokens : 0);
    }

    KeyUsage plus(int tokens) {
        return new KeyUsage(
                minute, day, minuteRequests + 1, minuteTokens + tokens, dayRequests + 1, dayTokens + tokens);
    }
}
