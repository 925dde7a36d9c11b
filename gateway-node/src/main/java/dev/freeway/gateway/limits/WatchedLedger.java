package dev.freeway.gateway.limits;

import io.vertx.core.Future;

/** A ledger that shows each grant to a {@link CapacityView} and to the {@link QuotaWarnings} on its way back. */
public final class WatchedLedger implements CapacityLedger {
    private final CapacityLedger ledger;
    private final CapacityView view;
    private final QuotaWarnings warnings;

    public WatchedLedger(CapacityLedger ledger, CapacityView view, QuotaWarnings warnings) {
        this.ledger = ledger;
        this.view = view;
        this.warnings = warnings;
    }

    @Override
    public Future<Admission> reserve(String scope, Limits limits, long tokens) {
        return ledger.reserve(scope, limits, tokens).onSuccess(admission -> {
            if (admission.isGranted()) {
                view.saw(admission.reservation());
                warnings.saw(admission.reservation());
            }
        });
    }

    @Override
    public Future<Void> settle(Reservation reservation, long actualTokens) {
        return ledger.settle(reservation, actualTokens);
    }

    @Override
    public Future<Void> refundTokens(Reservation reservation) {
        return ledger.refundTokens(reservation);
    }

    @Override
    public Future<Void> correct(Reservation reservation, long actualTokens, Window window, long providerRemaining) {
        return ledger.correct(reservation, actualTokens, window, providerRemaining);
    }

    @Override
    public Future<Void> release(Reservation reservation) {
        return ledger.release(reservation);
    }

    @Override
    public Future<Void> charge(String scope, Limits limits, Window window, long amount) {
        return ledger.charge(scope, limits, window, amount);
    }
}
