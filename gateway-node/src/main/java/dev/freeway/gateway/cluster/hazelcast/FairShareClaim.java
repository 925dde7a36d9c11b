package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One team's claim on a provider window, decided atomically on the window's owner. The entry is
 * the window's tally as text ({@code team weight used;...}), so the map needs no serializer of its
 * own. Weighted max-min for teams that all want more than they get: each gets the window in
 * proportion to its weight; a team below its demand leaves what it does not use to the others, as
 * far as that cannot eat into another team's unused share.
 */
public final class FairShareClaim implements EntryProcessor<String, String, Boolean>, IdentifiedDataSerializable {
    private String team;
    private int weight;
    private long limit;

    public FairShareClaim() {}

    FairShareClaim(String team, int weight, long limit) {
        this.team = team;
        this.weight = weight;
        this.limit = limit;
    }

    @Override
    public Boolean process(Map.Entry<String, String> entry) {
        Map<String, long[]> tally = parse(entry.getValue());
        long[] mine = tally.computeIfAbsent(team, t -> new long[2]);
        mine[0] = weight;
        boolean granted = grants(tally);
        if (granted) {
            mine[1]++;
        }
        entry.setValue(format(tally));
        return granted;
    }

    private boolean grants(Map<String, long[]> tally) {
        long weights = 0;
        long used = 0;
        for (long[] team : tally.values()) {
            weights += team[0];
            used += team[1];
        }
        long[] mine = tally.get(team);
        if (mine[1] * weights < limit * mine[0]) {
            return true;
        }
        long othersUnclaimed = 0;
        for (Map.Entry<String, long[]> other : tally.entrySet()) {
            if (!other.getKey().equals(team)) {
                long share = (limit * other.getValue()[0] + weights - 1) / weights;
                othersUnclaimed += Math.max(0, share - other.getValue()[1]);
            }
        }
        return limit - used > othersUnclaimed;
    }

    static Map<String, long[]> parse(String value) {
        Map<String, long[]> tally = new LinkedHashMap<>();
        if (value == null || value.isEmpty()) {
            return tally;
        }
        for (String row : value.split(";")) {
            String[] fields = row.split(" ");
            tally.put(fields[0], new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])});
        }
        return tally;
    }

    private static String format(Map<String, long[]> tally) {
        StringBuilder text = new StringBuilder();
        tally.forEach((name, counts) -> text.append(text.isEmpty() ? "" : ";")
                .append(name)
                .append(' ')
                .append(counts[0])
                .append(' ')
                .append(counts[1]));
        return text.toString();
    }

    @Override
    public int getFactoryId() {
        return FreewaySerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return FreewaySerialization.FAIR_SHARE_CLAIM;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(team);
        out.writeInt(weight);
        out.writeLong(limit);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        team = in.readString();
        weight = in.readInt();
        limit = in.readLong();
    }
}
