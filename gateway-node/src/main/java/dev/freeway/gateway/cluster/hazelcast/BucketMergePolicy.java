package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heals {@code freeway-buckets} after a split brain by keeping the most-consumed state. Both sides
 * admitted traffic against the same provider windows, so the side that spent more per window is the
 * closer estimate of what the provider counted; Hazelcast's default keeps the larger side's value
 * and forgets the smaller side's spending.
 *
 * <p>Both states are refilled to the latest refill either has seen, then each window keeps the
 * lower tokens: one bucket may be tighter on the minute and the other on the day. When the limits
 * differ (one side recreated the bucket after a limit change) the newer configuration is kept and
 * charged with what the other side spent in the windows they share.
 *
 * <p>Summing both sides' spending since the split (G-counter) would be exact, but needs the state
 * at the moment of the split, which neither side keeps. Without it the larger spending is the best
 * lower bound.
 *
 * <p>Expiry is not the policy's to choose: Hazelcast keeps the existing entry's expiry when the
 * returned value equals the existing one and copies the merging entry's otherwise. So a side that
 * wins whole is returned as its own raw value and keeps the expiry that belongs to it. A mixed
 * state takes the merging side's expiry, which may end before the existing side's windows refill;
 * Bucket4j recomputes the TTL on the bucket's next write, so only a bucket left idle until then
 * loses that spending.
 */
public final class BucketMergePolicy
        implements SplitBrainMergePolicy<byte[], MergingValue<byte[]>, Object>, IdentifiedDataSerializable {
    private static final Logger LOG = LoggerFactory.getLogger(BucketMergePolicy.class);

    @Override
    public Object merge(MergingValue<byte[]> merging, MergingValue<byte[]> existing) {
        if (existing == null) {
            return merging.getRawValue();
        }
        Side ours;
        Side theirs;
        try {
            ours = new Side(BucketSnapshot.decode(existing.getDeserializedValue()), existing.getRawValue());
            theirs = new Side(BucketSnapshot.decode(merging.getDeserializedValue()), merging.getRawValue());
        } catch (RuntimeException e) {
            // One unreadable entry must not fail the whole merge batch; keep what this side has.
            LOG.warn("Unreadable bucket state in split-brain merge, keeping the existing one", e);
            return existing.getRawValue();
        }
        long commonTime =
                Math.max(ours.state().latestRefillNanos(), theirs.state().latestRefillNanos());
        ours = ours.refilledTo(commonTime);
        theirs = theirs.refilledTo(commonTime);

        Side base = ours.state().hasSameLimitsAs(theirs.state()) ? tighter(ours, theirs) : newer(ours, theirs);
        Side other = base == ours ? theirs : ours;
        BucketSnapshot merged = base.state().lowerTo(other.state());
        return merged == base.state() ? base.raw() : merged.encode();
    }

    /** The side with no more tokens in any window, if there is one; ties keep the existing side. */
    private static Side tighter(Side ours, Side theirs) {
        return ours.state().isAtMost(theirs.state()) || !theirs.state().isAtMost(ours.state()) ? ours : theirs;
    }

    private static Side newer(Side ours, Side theirs) {
        return theirs.state().isNewerThan(ours.state()) ? theirs : ours;
    }

    /** A decoded state and the stored value it came from, returned as is when that side wins whole. */
    private record Side(BucketSnapshot state, Object raw) {
        Side refilledTo(long nanos) {
            return new Side(state.refilledTo(nanos), raw);
        }
    }

    @Override
    public int getFactoryId() {
        return FreewaySerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return FreewaySerialization.BUCKET_MERGE_POLICY;
    }

    @Override
    public void writeData(ObjectDataOutput out) {}

    @Override
    public void readData(ObjectDataInput in) {}
}
