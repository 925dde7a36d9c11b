package dev.freeway.gateway.routing;

import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.limits.Reservation;
import dev.freeway.gateway.limits.Window;
import dev.freeway.gateway.provider.ProviderQuota;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the shared windows down to what the provider reports, so usage Freeway did not route
 * (another client of the same key) stops Freeway before the provider has to say 429.
 */
final class ProviderTruth {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderTruth.class);

    private ProviderTruth() {}

    /** @param actualTokens the request's real token count, or -1 when the provider did not serve it */
    static void apply(CapacityLedger ledger, Reservation reservation, long actualTokens, ProviderQuota quota) {
        for (ProviderQuota.Window reported : quota.windows()) {
            ledger.correct(reservation, actualTokens, window(reported), reported.remaining())
                    .onFailure(e -> LOG.warn("provider truth not applied: {}", e.toString()));
        }
    }

    private static Window window(ProviderQuota.Window reported) {
        boolean minute = reported.span() == ProviderQuota.Span.MINUTE;
        return reported.dimension() == ProviderQuota.Dimension.REQUESTS
                ? minute ? Window.REQUESTS_MINUTE : Window.REQUESTS_DAY
                : minute ? Window.TOKENS_MINUTE : Window.TOKENS_DAY;
    }
}
