package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Serialization of Freeway's own cluster types. IdentifiedDataSerializable keeps Java
 * serialization out of the member protocol, whose port is unauthenticated in Community edition.
 */
final class FreewaySerialization implements DataSerializableFactory {
    static final int FACTORY_ID = 7301;
    static final int PENALTY_UPDATE = 1;
    static final int BUCKET_MERGE_POLICY = 2;
    static final int PENALTY_MERGE_POLICY = 3;
    static final int USAGE_ADD = 4;
    static final int FAIR_SHARE_CLAIM = 5;

    /** Type ids Bucket4j's own serializers start from; chosen clear of Hazelcast's and ours. */
    static final int BUCKET4J_TYPE_ID_BASE = 7400;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case PENALTY_UPDATE -> new PenaltyUpdate();
            case BUCKET_MERGE_POLICY -> new BucketMergePolicy();
            case PENALTY_MERGE_POLICY -> new PenaltyMergePolicy();
            case USAGE_ADD -> new UsageAdd();
            case FAIR_SHARE_CLAIM -> new FairShareClaim();
            default -> null;
        };
    }
}
