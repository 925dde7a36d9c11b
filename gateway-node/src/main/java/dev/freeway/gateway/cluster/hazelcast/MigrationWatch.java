package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;

/**
 * Whether partitions are migrating now (a member joined or left): while they are, operations on
 * the moving partitions wait for the move, which is planned and short, unlike a stalled owner.
 * Read on every admission, so it is one volatile read.
 */
final class MigrationWatch implements MigrationListener {
    private volatile boolean migrating;

    boolean migrating() {
        return migrating;
    }

    @Override
    public void migrationStarted(MigrationState state) {
        migrating = true;
    }

    @Override
    public void migrationFinished(MigrationState state) {
        migrating = false;
    }

    @Override
    public void replicaMigrationCompleted(ReplicaMigrationEvent event) {}

    @Override
    public void replicaMigrationFailed(ReplicaMigrationEvent event) {}
}
