package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * Adds to one scope-day's usage, {@code long[] {requests, promptTokens, completionTokens}}, on the
 * key's owner; the backup replays the same addition. At-least-once like every entry processor: an
 * addition whose owner dies mid-call can be counted twice, never lost once acknowledged.
 */
public final class UsageAdd implements EntryProcessor<String, long[], long[]>, IdentifiedDataSerializable {
    private long requests;
    private long promptTokens;
    private long completionTokens;

    public UsageAdd() {}

    UsageAdd(long requests, long promptTokens, long completionTokens) {
        this.requests = requests;
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
    }

    @Override
    public long[] process(Map.Entry<String, long[]> entry) {
        long[] totals = entry.getValue();
        long[] next = totals == null
                ? new long[] {requests, promptTokens, completionTokens}
                : new long[] {totals[0] + requests, totals[1] + promptTokens, totals[2] + completionTokens};
        entry.setValue(next);
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
        out.writeLong(requests);
        out.writeLong(promptTokens);
        out.writeLong(completionTokens);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        requests = in.readLong();
        promptTokens = in.readLong();
        completionTokens = in.readLong();
    }
}
