package dev.freeway.gateway.limits;

import dev.freeway.gateway.metrics.GatewayMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once per scope, window and period (per node) when a provider key has used 80 % of its
 * requests or tokens per day, or of a monthly budget, as a structured event on the {@code
 * freeway.quota} logger and a count in {@code freeway_quota_warnings_total}, so an operator can add
 * keys before the pool runs dry. Costs one comparison per admission otherwise.
 */
public final class QuotaWarnings {
    private static final Logger LOG = LoggerFactory.getLogger("freeway.quota");
    private static final long WARN_AT_PERCENT = 80;

    private final Map<String, Long> warnedOnDay = new ConcurrentHashMap<>();
    private final Map<String, String> warnedInMonth = new ConcurrentHashMap<>();
    private final GatewayMetrics metrics;

    public QuotaWarnings(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    public void saw(Reservation reservation) {
        if (reservation.local() || reservation.admittedAtMillis() < 0) {
            return;
        }
        check(reservation, Window.REQUESTS_DAY, "requests_per_day");
        check(reservation, Window.TOKENS_DAY, "tokens_per_day");
    }

    /**
     * A monthly budget's use as the cluster counted it.
     *
     * @param limit 0 = the budget does not count this
     * @param month {@code yyyy-MM}: one warning per scope and window in it
     */
    public void monthly(String scope, String window, long used, long limit, String month) {
        if (limit <= 0 || used * 100 < limit * WARN_AT_PERCENT) {
            return;
        }
        if (!month.equals(warnedInMonth.put(scope + "|" + window, month))) {
            LOG.warn(
                    "event=quota_warning scope={} window={} used_percent={} limit={} remaining={}",
                    scope,
                    window,
                    Math.min(100, used * 100 / limit),
                    limit,
                    Math.max(0, limit - used));
            metrics.quotaWarning(scope, window);
        }
    }

    private void check(Reservation reservation, Window window, String name) {
        long limit = window.limit(reservation.limits());
        long remaining = reservation.remaining(window);
        if (limit <= 0 || remaining < 0 || (limit - remaining) * 100 < limit * WARN_AT_PERCENT) {
            return;
        }
        long day = window.index(reservation.admittedAtMillis());
        Long previous = warnedOnDay.put(reservation.scope() + "|" + name, day);
        if (previous == null || previous != day) {
            LOG.warn(
                    "event=quota_warning scope={} window={} used_percent={} limit={} remaining={}",
                    reservation.scope(),
                    name,
                    (limit - remaining) * 100 / limit,
                    limit,
                    remaining);
            metrics.quotaWarning(reservation.scope(), name);
        }
    }
}
