package dev.freeway.gateway.cluster.hazelcast;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketState;
import io.github.bucket4j.BucketState64BitsInteger;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.distributed.serialization.InternalSerializationHelper;
import io.github.bucket4j.distributed.serialization.Scope;
import io.github.bucket4j.distributed.versioning.Versions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/**
 * One Bucket4j bucket as stored in {@code freeway-buckets}, opened up per bandwidth so two sides of
 * a split can be compared and combined. Immutable: every change returns a new snapshot.
 *
 * <p>Bucket4j has no public per-bandwidth setter, so the numbers travel through the JSON-compatible
 * snapshot of {@link BucketState64BitsInteger}, whose {@code stateData} holds three longs per
 * bandwidth: last refill time (nanos), tokens, rounding error. That layout and the byte format
 * ({@link InternalSerializationHelper}) are Bucket4j internals; BucketMergePolicyTest pins both
 * against what Bucket4j 8.17 writes, and the constructor refuses a layout it does not recognise.
 */
final class BucketSnapshot {
    private static final String STATE_DATA = "stateData";
    private static final int SLOT = 3;
    private static final int LAST_REFILL = 0;
    private static final int TOKENS = 1;
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final RemoteBucketState remote;
    private final Bandwidth[] bandwidths;
    private final long[] data;

    private BucketSnapshot(RemoteBucketState remote) {
        if (!(remote.getState() instanceof BucketState64BitsInteger state)) {
            throw new IllegalStateException(
                    "Unsupported Bucket4j state " + remote.getState().getClass());
        }
        this.remote = remote;
        this.bandwidths = remote.getConfiguration().getBandwidths();
        this.data = stateData(state);
        if (data.length != SLOT * bandwidths.length) {
            throw new IllegalStateException("Unknown Bucket4j state layout");
        }
        for (int i = 0; i < bandwidths.length; i++) {
            if (data[SLOT * i + TOKENS] != state.getCurrentSize(i)) {
                throw new IllegalStateException("Unknown Bucket4j state layout");
            }
        }
    }

    static BucketSnapshot decode(byte[] bytes) {
        return new BucketSnapshot(InternalSerializationHelper.deserializeState(bytes));
    }

    byte[] encode() {
        return InternalSerializationHelper.serializeState(remote, Versions.getLatest());
    }

    /** The latest refill any bandwidth has seen: a time both sides can be brought to without a clock. */
    long latestRefillNanos() {
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < bandwidths.length; i++) {
            latest = Math.max(latest, data[SLOT * i + LAST_REFILL]);
        }
        return latest;
    }

    BucketSnapshot refilledTo(long nanos) {
        RemoteBucketState copy = remote.copy();
        copy.refillAllBandwidth(nanos);
        return new BucketSnapshot(copy);
    }

    /** Same windows with the same capacities, whenever each bucket happened to be created. */
    boolean hasSameLimitsAs(BucketSnapshot other) {
        if (bandwidths.length != other.bandwidths.length) {
            return false;
        }
        for (Bandwidth bandwidth : bandwidths) {
            int match = other.matching(bandwidth);
            if (match < 0
                    || other.bandwidths[match].getCapacity() != bandwidth.getCapacity()
                    || other.bandwidths[match].getRefillTokens() != bandwidth.getRefillTokens()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Bucket4j's configuration version when both carry one; otherwise the later creation, because
     * Freeway builds a bucket's configuration from the limits in force when it creates the bucket.
     */
    boolean isNewerThan(BucketSnapshot other) {
        Long mine = remote.getConfigurationVersion();
        Long theirs = other.remote.getConfigurationVersion();
        if (mine != null && theirs != null && !mine.equals(theirs)) {
            return mine > theirs;
        }
        return createdNotBeforeMillis() > other.createdNotBeforeMillis();
    }

    /**
     * This bucket charged with what {@code other} spent in each window they share: tokens drop to
     * capacity minus the other side's consumption where that is lower. For equal limits this is the
     * per-window minimum of tokens. Returns {@code this} when nothing drops.
     */
    BucketSnapshot lowerTo(BucketSnapshot other) {
        long[] lowered = data.clone();
        boolean changed = false;
        for (int i = 0; i < bandwidths.length; i++) {
            int match = other.matching(bandwidths[i]);
            if (match < 0) {
                continue;
            }
            long spentThere = other.bandwidths[match].getCapacity() - other.data[SLOT * match + TOKENS];
            long ceiling = bandwidths[i].getCapacity() - spentThere;
            if (lowered[SLOT * i + TOKENS] > ceiling) {
                lowered[SLOT * i + TOKENS] = ceiling;
                changed = true;
            }
        }
        return changed ? withData(lowered) : this;
    }

    /** True when this bucket has no more tokens than {@code other} in any window they share. */
    boolean isAtMost(BucketSnapshot other) {
        return lowerTo(other) == this;
    }

    /** The same window: same id, period and refill style. Capacities may differ. */
    private int matching(Bandwidth bandwidth) {
        for (int i = 0; i < bandwidths.length; i++) {
            Bandwidth candidate = bandwidths[i];
            if (Objects.equals(candidate.getId(), bandwidth.getId())
                    && candidate.getRefillPeriodNanos() == bandwidth.getRefillPeriodNanos()
                    && candidate.isRefillIntervally() == bandwidth.isRefillIntervally()) {
                return i;
            }
        }
        return -1;
    }

    /** An aligned window's first refill is one period after the window the bucket was created in. */
    private long createdNotBeforeMillis() {
        long created = Long.MIN_VALUE;
        for (Bandwidth bandwidth : bandwidths) {
            if (bandwidth.isIntervallyAligned()) {
                created = Math.max(
                        created,
                        bandwidth.getTimeOfFirstRefillMillis() - bandwidth.getRefillPeriodNanos() / NANOS_PER_MILLI);
            }
        }
        return created;
    }

    private BucketSnapshot withData(long[] stateData) {
        try {
            Map<String, Object> json = BucketState64BitsInteger.SERIALIZATION_HANDLE.toJsonCompatibleSnapshot(
                    (BucketState64BitsInteger) remote.getState(), Versions.getLatest(), Scope.PERSISTED_STATE);
            json.put(STATE_DATA, stateData);
            BucketState state = BucketState64BitsInteger.SERIALIZATION_HANDLE.fromJsonCompatibleSnapshot(json);
            state.setConfiguration(remote.getConfiguration());
            return new BucketSnapshot(
                    new RemoteBucketState(state, remote.getRemoteStat().copy(), remote.getConfigurationVersion()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] stateData(BucketState64BitsInteger state) {
        try {
            Object stateData = BucketState64BitsInteger.SERIALIZATION_HANDLE
                    .toJsonCompatibleSnapshot(state, Versions.getLatest(), Scope.PERSISTED_STATE)
                    .get(STATE_DATA);
            return ((long[]) stateData).clone();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
