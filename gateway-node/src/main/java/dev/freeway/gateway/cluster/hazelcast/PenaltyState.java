package dev.freeway.gateway.cluster.hazelcast;

/**
 * The layout of a penalty entry, kept as a plain {@code long[]} so the map needs no custom value
 * serializer: milli-points as of {@code since}, the bench end, the cooldown streak and a version
 * that orders updates arriving through listeners.
 */
final class PenaltyState {
    static final int MILLI_POINTS = 0;
    static final int SINCE = 1;
    static final int BENCHED_UNTIL = 2;
    static final int STRIKES = 3;
    static final int VERSION = 4;
    static final int SIZE = 5;

    private PenaltyState() {}

    static long decayedMilliPoints(long[] state, long nowMillis, long decayMillisPerPoint) {
        if (state == null) {
            return 0;
        }
        long elapsed = Math.max(0, nowMillis - state[SINCE]);
        long decayed = elapsed * 1_000 / decayMillisPerPoint;
        return Math.max(0, state[MILLI_POINTS] - decayed);
    }
}
