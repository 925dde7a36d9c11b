package dev.freeway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.cluster.UsageKey;
import dev.freeway.gateway.cluster.UsageRow;
import dev.freeway.gateway.cluster.UsageTotals;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UsageReportTest {

    @Test
    void a_models_provider_keys_are_summed_into_one_line_without_their_fingerprints() {
        List<UsageLine> lines = UsageReport.lines(List.of(
                row("alpha", "groq#fp1/llama", new UsageTotals(1, 10, 5, 100, 0)),
                row("alpha", "groq#fp2/llama", new UsageTotals(2, 20, 6, 200, 1))));

        assertThat(lines)
                .containsExactly(
                        new UsageLine("2026-11-23", "alpha", "groq", "llama", new UsageTotals(3, 30, 11, 300, 1)));
        assertThat(UsageHandler.toJson("alpha", lines).encode()).doesNotContain("fp1", "fp2", "#");
    }

    private static UsageRow row(String team, String scope, UsageTotals totals) {
        return new UsageRow(new UsageKey("2026-11-23", team, "groq", "llama", scope), totals);
    }
}
