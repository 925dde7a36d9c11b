package dev.freeway.loadtest.cluster;

import java.util.LongSummaryStatistics;
import java.util.function.ToLongFunction;

/**
 * One node's turn in a rolling restart, as {@link System#nanoTime} values: SIGTERM, exit, and the cluster
 * whole again with the new JVM. Read against the samples, it shows how long the load balancer kept
 * sending to the draining node and when that node's failures were sent.
 */
record RestartStep(int index, String name, long termAt, long exitAt, long wholeAt) {

    /** Drain and rejoin times. */
    String text() {
        return String.format("%s %.1f s / %.1f s", name, (exitAt - termAt) / 1e9, (wholeAt - exitAt) / 1e9);
    }

    /**
     * The last request sent to the node between its SIGTERM and its exit, in seconds after the SIGTERM:
     * it stops accepting once its lame-duck second is over, so a later request meets a closing server.
     */
    String lastSentAfterTerm(Samples samples) {
        long last = samples.onNode(index)
                .where(s -> s.sentNanos() >= termAt && s.sentNanos() < exitAt)
                .lastSentNanos();
        return last < 0 ? name + " none" : String.format("%s +%.2f s", name, (last - termAt) / 1e9);
    }

    /** This node's client errors with when they were sent and when they failed, in seconds after its SIGTERM. */
    String errorsAfterTerm(Samples samples) {
        Samples errors = samples.onNode(index).errors();
        if (errors.count() == 0) {
            return name + " 0";
        }
        return String.format(
                "%s %d, sent %s s, failed %s s",
                name, errors.count(), range(errors, Sample::sentNanos), range(errors, Sample::endNanos));
    }

    private String range(Samples samples, ToLongFunction<Sample> time) {
        LongSummaryStatistics stats = samples.all().stream().mapToLong(time).summaryStatistics();
        return String.format("%+.2f..%+.2f", (stats.getMin() - termAt) / 1e9, (stats.getMax() - termAt) / 1e9);
    }
}
