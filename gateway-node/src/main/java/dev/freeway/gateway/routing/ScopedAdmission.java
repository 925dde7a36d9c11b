package dev.freeway.gateway.routing;

import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.limits.Admission;
import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.limits.LimitScope;
import dev.freeway.gateway.limits.Reservation;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Admits a candidate in every scope it draws on, one after the other: all or nothing. A scope
 * without room (or a ledger failure) gives back what the earlier scopes granted, so a denied
 * candidate holds no capacity anywhere.
 */
final class ScopedAdmission {
    /** Granted ({@code admitted} set) or denied with the wait until the scope that said no refills. */
    record Outcome(Admitted admitted, long retryAfterNanos) {}

    private ScopedAdmission() {}

    static Future<Outcome> reserve(CapacityLedger ledger, Candidate candidate, long tokens) {
        if (candidate.shared().isEmpty()) {
            return ledger.reserve(candidate.scope(), candidate.limits(), tokens)
                    .map(admission -> admission.isGranted()
                            ? new Outcome(new Admitted(List.of(admission.reservation())), 0)
                            : new Outcome(null, admission.retryAfterNanos()));
        }
        return next(ledger, candidate.scopes(), 0, tokens, new ArrayList<>());
    }

    private static Future<Outcome> next(
            CapacityLedger ledger, List<LimitScope> scopes, int index, long tokens, List<Reservation> granted) {
        if (index == scopes.size()) {
            return Future.succeededFuture(new Outcome(new Admitted(granted), 0));
        }
        LimitScope scope = scopes.get(index);
        return ledger.reserve(scope.scope(), scope.limits(), tokens).transform(result -> {
            if (result.failed()) {
                new Admitted(granted).release(ledger);
                return Future.failedFuture(result.cause());
            }
            Admission admission = result.result();
            if (!admission.isGranted()) {
                new Admitted(granted).release(ledger);
                return Future.succeededFuture(new Outcome(null, admission.retryAfterNanos()));
            }
            granted.add(admission.reservation());
            return next(ledger, scopes, index + 1, tokens, granted);
        });
    }
}
