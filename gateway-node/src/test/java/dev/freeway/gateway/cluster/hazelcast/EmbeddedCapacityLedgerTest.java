package dev.freeway.gateway.cluster.hazelcast;

import dev.freeway.gateway.config.ClusterConfig;
import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.testing.CapacityLedgerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.TestInstance;

/** The ledger contract on the laptop default: one embedded Hazelcast member, no join. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EmbeddedCapacityLedgerTest extends CapacityLedgerContract {
    private HazelcastCluster cluster;
    private CapacityLedger ledger;

    @BeforeAll
    void start() {
        cluster = HazelcastCluster.start(ClusterConfig.single("freeway-ledger-test", 5801));
        ledger = cluster.ledger(clock);
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    @Override
    protected CapacityLedger ledger() {
        return ledger;
    }
}
