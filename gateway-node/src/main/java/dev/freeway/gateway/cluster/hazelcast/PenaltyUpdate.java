package dev.freeway.gateway.cluster.hazelcast;

import static dev.freeway.gateway.cluster.hazelcast.PenaltyState.*;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * Applies one penalty event atomically on the key's owner. "Now" is captured by the caller and
 * shipped with the processor, so the backup replica replays exactly the same arithmetic.
 *
 * <p>Points: decay to now, then add {@code addMilliPoints} (negative on success), capped. Bench:
 * when {@code baseBenchMillis > 0} the key is benched for max(retry-after, base × 2^strikes), the
 * streak growing by one; a success ({@code resetStrikes}) clears the streak.
 */
public final class PenaltyUpdate implements EntryProcessor<String, long[], long[]>, IdentifiedDataSerializable {
    private static final int MAX_DOUBLINGS = 4;

    private long nowMillis;
    private long addMilliPoints;
    private long capMilliPoints;
    private long decayMillisPerPoint;
    private long baseBenchMillis;
    private long retryAfterMillis;
    private boolean resetStrikes;

    public PenaltyUpdate() {}

    static PenaltyUpdate points(long nowMillis, long addMilliPoints, long capMilliPoints, long decayMillisPerPoint) {
        PenaltyUpdate update = new PenaltyUpdate();
        update.nowMillis = nowMillis;
        update.addMilliPoints = addMilliPoints;
        update.capMilliPoints = capMilliPoints;
        update.decayMillisPerPoint = decayMillisPerPoint;
        return update;
    }

    static PenaltyUpdate bench(long nowMillis, long baseBenchMillis, long retryAfterMillis) {
        PenaltyUpdate update = points(nowMillis, 0, 0, 1);
        update.baseBenchMillis = baseBenchMillis;
        update.retryAfterMillis = retryAfterMillis;
        return update;
    }

    static PenaltyUpdate clearStreak(long nowMillis) {
        PenaltyUpdate update = points(nowMillis, 0, 0, 1);
        update.resetStrikes = true;
        return update;
    }

    /** True when applying this to {@code state} could change nothing: a success on a clean subject. */
    boolean isNoOpOn(long[] state) {
        return addMilliPoints < 0
                && baseBenchMillis == 0
                && !resetStrikes
                && decayedMilliPoints(state, nowMillis, decayMillisPerPoint) == 0;
    }

    @Override
    public long[] process(Map.Entry<String, long[]> entry) {
        long[] old = entry.getValue();
        long[] next = old == null ? new long[SIZE] : old.clone();
        if (addMilliPoints != 0) {
            long current = decayedMilliPoints(old, nowMillis, decayMillisPerPoint);
            next[MILLI_POINTS] = Math.max(0, Math.min(capMilliPoints, current + addMilliPoints));
            next[SINCE] = nowMillis;
        }
        if (baseBenchMillis > 0) {
            long bench = Math.max(retryAfterMillis, baseBenchMillis << Math.min(next[STRIKES], MAX_DOUBLINGS));
            next[BENCHED_UNTIL] = Math.max(next[BENCHED_UNTIL], saturatedAdd(nowMillis, bench));
            next[STRIKES]++;
        }
        if (resetStrikes) {
            next[STRIKES] = 0;
        }
        next[VERSION]++;
        entry.setValue(next);
        return next;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public int getFactoryId() {
        return FreewaySerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return FreewaySerialization.PENALTY_UPDATE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(nowMillis);
        out.writeLong(addMilliPoints);
        out.writeLong(capMilliPoints);
        out.writeLong(decayMillisPerPoint);
        out.writeLong(baseBenchMillis);
        out.writeLong(retryAfterMillis);
        out.writeBoolean(resetStrikes);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        nowMillis = in.readLong();
        addMilliPoints = in.readLong();
        capMilliPoints = in.readLong();
        decayMillisPerPoint = in.readLong();
        baseBenchMillis = in.readLong();
        retryAfterMillis = in.readLong();
        resetStrikes = in.readBoolean();
    }
}
