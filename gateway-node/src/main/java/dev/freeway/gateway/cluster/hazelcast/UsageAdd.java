package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import dev.freeway.gateway.cluster.UsageTotals;
import java.io.IOException;
import java.util.Map;

/**
 * Adds to one key's usage, stored as {@link UsageTotals#toArray()}, on the key's owner; the backup
 * replays the same addition. At-least-once like every entry processor: an addition whose owner
 * dies mid-call can be counted twice, never lost once acknowledged.
 */
public final class UsageAdd implements EntryProcessor<String, long[], long[]>, IdentifiedDataSerializable {
    private UsageTotals delta = UsageTotals.ZERO;

    public UsageAdd() {}

    UsageAdd(UsageTotals delta) {
        this.delta = delta;
    }

    @Override
    public long[] process(Map.Entry<String, long[]> entry) {
        long[] totals = entry.getValue();
        entry.setValue((totals == null ? delta : UsageTotals.fromArray(totals).plus(delta)).toArray());
        return null;
    }

    @Override
    public int getFactoryId() {
        return FreewaySerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return FreewaySerialization.USAGE_ADD;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLongArray(delta.toArray());
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        delta = UsageTotals.fromArray(in.readLongArray());
    }
}
