package dev.freeway.loadtest.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {
    private static final long MS = 1_000_000;

    @Test
    void errorsAndInFlightAreCountedPerNode() {
        Samples samples = new Samples(List.of(
                sample(0, 0, 30, Sample.Result.OK, null),
                sample(0, 90, 120, Sample.Result.ERROR, "reset"),
                sample(1, 95, 110, Sample.Result.LIMITED, null),
                sample(1, 100, 140, Sample.Result.ERROR, "reset")));

        assertThat(samples.onNode(0).where(s -> s.openAt(100 * MS)).count()).isEqualTo(1);
        assertThat(samples.notOnNode(0).errors().count()).isEqualTo(1);
        assertThat(samples.errorSummary()).isEqualTo("2 × reset");
        assertThat(samples.lastErrorEnd(0)).isEqualTo(140 * MS);
        assertThat(samples.outcomeSummary()).isEqualTo("ok 1, limited 1, error 2");
    }

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        Samples samples = new Samples(List.of(
                sample(0, 0, 10, Sample.Result.OK, null),
                sample(0, 0, 20, Sample.Result.OK, null),
                sample(0, 0, 30, Sample.Result.OK, null),
                sample(0, 0, 40, Sample.Result.OK, null)));

        assertThat(samples.latencyMillis(50)).isEqualTo(20.0);
        assertThat(samples.latencyMillis(99)).isEqualTo(40.0);
        assertThat(samples.maxLatencyMillis()).isEqualTo(40.0);
    }

    private static Sample sample(int node, long sentMs, long endMs, Sample.Result result, String error) {
        return new Sample(node, false, sentMs * MS, sentMs * MS, endMs * MS, result, error, 0);
    }
}
