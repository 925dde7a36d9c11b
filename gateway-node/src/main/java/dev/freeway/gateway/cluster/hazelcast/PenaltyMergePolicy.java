package dev.freeway.gateway.cluster.hazelcast;

import static dev.freeway.gateway.cluster.hazelcast.PenaltyState.*;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import java.util.Arrays;

/**
 * Heals {@code freeway-penalties} after a split brain by keeping the harsher penalty field by
 * field: the higher points, the later bench end, the longer strike streak. Each is a maximum of
 * things that only the side that saw the failures knows, so neither side's evidence is dropped.
 *
 * <p>Points decay linearly from {@code since}, so they are compared at the later {@code since}.
 * The decay rate is gateway configuration, not part of the entry; the member that runs the merge
 * reads it from the user context under {@link #DECAY_MILLIS_PER_POINT}. Without it the raw points
 * are compared, which can favour an old penalty that has since decayed below the other side's.
 *
 * <p>The merged entry's version is above both sides', so listener mirrors that hold either side's
 * latest state accept it.
 */
public final class PenaltyMergePolicy
        implements SplitBrainMergePolicy<long[], MergingValue<long[]>, Object>,
                IdentifiedDataSerializable,
                HazelcastInstanceAware {
    static final String DECAY_MILLIS_PER_POINT = "freeway.penalties.decayMillisPerPoint";

    private long decayMillisPerPoint;

    public PenaltyMergePolicy() {}

    PenaltyMergePolicy(long decayMillisPerPoint) {
        this.decayMillisPerPoint = decayMillisPerPoint;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        decayMillisPerPoint = instance.getUserContext().get(DECAY_MILLIS_PER_POINT) instanceof Long decay ? decay : 0;
    }

    @Override
    public Object merge(MergingValue<long[]> merging, MergingValue<long[]> existing) {
        if (existing == null) {
            return merging.getRawValue();
        }
        long[] ours = existing.getDeserializedValue();
        long[] theirs = merging.getDeserializedValue();
        long[] merged = ours.clone();
        mergePoints(merged, ours, theirs);
        merged[BENCHED_UNTIL] = Math.max(ours[BENCHED_UNTIL], theirs[BENCHED_UNTIL]);
        merged[STRIKES] = Math.max(ours[STRIKES], theirs[STRIKES]);
        if (Arrays.equals(merged, ours)) {
            return existing.getRawValue();
        }
        merged[VERSION] = Math.max(ours[VERSION], theirs[VERSION]) + 1;
        return merged;
    }

    private void mergePoints(long[] merged, long[] ours, long[] theirs) {
        if (decayMillisPerPoint > 0) {
            long since = Math.max(ours[SINCE], theirs[SINCE]);
            merged[MILLI_POINTS] = Math.max(
                    decayedMilliPoints(ours, since, decayMillisPerPoint),
                    decayedMilliPoints(theirs, since, decayMillisPerPoint));
            merged[SINCE] = since;
        } else if (theirs[MILLI_POINTS] > ours[MILLI_POINTS]) {
            merged[MILLI_POINTS] = theirs[MILLI_POINTS];
            merged[SINCE] = theirs[SINCE];
        }
    }

    @Override
    public int getFactoryId() {
        return FreewaySerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return FreewaySerialization.PENALTY_MERGE_POLICY;
    }

    @Override
    public void writeData(ObjectDataOutput out) {}

    @Override
    public void readData(ObjectDataInput in) {}
}
