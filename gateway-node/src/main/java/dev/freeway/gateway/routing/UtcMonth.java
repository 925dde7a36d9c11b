package dev.freeway.gateway.routing;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * A UTC calendar month: its name ({@code yyyy-MM}, the key of monthly totals) and its bounds, so a
 * request can tell whether figures counted for it still apply with two comparisons.
 */
record UtcMonth(String name, long startMillis, long endMillis) {

    static UtcMonth at(long millis) {
        YearMonth month = YearMonth.from(Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC));
        return new UtcMonth(
                month.toString(),
                month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
                month.plusMonths(1)
                        .atDay(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .toEpochMilli());
    }

    boolean contains(long millis) {
        return millis >= startMillis && millis < endMillis;
    }
}
