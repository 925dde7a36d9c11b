package dev.freeway.gateway.cluster;

import dev.freeway.gateway.catalog.entry.PriceEntry;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** What tokens cost at a model's list price, in nano-dollars (see {@link UsageTotals#costNanos()}). */
public final class UsageCost {
    /** A price is USD per million tokens, so one token costs price × 1,000 nano-dollars. */
    private static final BigDecimal NANOS_PER_TOKEN_AT_ONE_USD_PER_MILLION = BigDecimal.valueOf(1_000);

    private UsageCost() {}

    public static long nanos(PriceEntry price, long promptTokens, long completionTokens) {
        if (price.free()) {
            return 0;
        }
        // BigDecimal.valueOf reads the price as written (0.59, not 0.58999…), so the sum is exact.
        BigDecimal nanos = BigDecimal.valueOf(price.input())
                .multiply(BigDecimal.valueOf(promptTokens))
                .add(BigDecimal.valueOf(price.output()).multiply(BigDecimal.valueOf(completionTokens)))
                .multiply(NANOS_PER_TOKEN_AT_ONE_USD_PER_MILLION);
        return nanos.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Nano-dollars as USD, without binary-fraction noise. */
    public static BigDecimal usd(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
    }
}
