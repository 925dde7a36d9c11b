package dev.freeway.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.catalog.entry.PriceEntry;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UsageCostTest {

    @Test
    void a_free_model_costs_nothing() {
        assertThat(UsageCost.nanos(new PriceEntry(null, null), 1_000_000, 1_000_000))
                .isZero();
    }

    @Test
    void fractional_micro_dollars_stay_exact() {
        // 7 × 0.075 + 3 × 0.3 = 1.425 micro-dollars: lost in micro-dollars, exact in nano-dollars
        assertThat(UsageCost.nanos(new PriceEntry(0.075, 0.3), 7, 3)).isEqualTo(1_425);
    }

    @Test
    void nano_dollars_read_as_plain_usd() {
        assertThat(UsageCost.usd(669_000).toPlainString()).isEqualTo("0.000669");
        assertThat(UsageCost.usd(0).toPlainString()).isEqualTo("0");
    }
}
