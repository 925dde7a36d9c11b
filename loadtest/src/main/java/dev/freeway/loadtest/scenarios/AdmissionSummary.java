package dev.freeway.loadtest.scenarios;

import java.util.List;

/**
 * One cell of the cluster comparison: each setup against direct, and the limited setups against the
 * unlimited node, repeat by repeat.
 *
 * @param setups in the order of {@link #SETUPS}
 * @param ledgerP50 what a limited single node adds to the unlimited one: the ledger without the network
 * @param admissionP50 what the 3-node cluster adds to the unlimited single node: the admission cost
 */
record AdmissionSummary(
        Cell cell,
        List<CellSummary> setups,
        Paired ledgerP50,
        Paired ledgerP99,
        Paired admissionP50,
        Paired admissionP99) {
    static final List<String> SETUPS = List.of("1 node, unlimited", "1 node, limited", "3 nodes, limited");

    /** @param bySetup the repeats of each setup, in the order of {@link #SETUPS} */
    static AdmissionSummary of(Cell cell, List<List<Repeat>> bySetup) {
        List<Repeat> unlimited = bySetup.get(0);
        List<Repeat> limited = bySetup.get(1);
        List<Repeat> cluster = bySetup.get(2);
        return new AdmissionSummary(
                cell,
                bySetup.stream().map(repeats -> CellSummary.of(cell, repeats)).toList(),
                Paired.between(unlimited, limited, r -> r.latencyMillis(50)),
                Paired.between(unlimited, limited, r -> r.latencyMillis(99)),
                Paired.between(unlimited, cluster, r -> r.latencyMillis(50)),
                Paired.between(unlimited, cluster, r -> r.latencyMillis(99)));
    }
}
