package dev.freeway.gateway.limits;

/**
 * What a node admitted from its local share for one scope, per window, so the shared windows can
 * be charged once they answer again. Debts of a window that has since turned are void: that
 * window's provider budget has reset too.
 */
final class LocalDebt {
    private final long[] amounts = new long[Window.all().length];
    private final long[] indexes = new long[Window.all().length];

    synchronized void add(Reservation reservation, long nowMillis) {
        for (Window window : Window.all()) {
            if (!window.meters(reservation.limits(), reservation.tokens())) {
                continue;
            }
            int i = window.ordinal();
            long index = window.index(nowMillis);
            if (indexes[i] != index) {
                indexes[i] = index;
                amounts[i] = 0;
            }
            amounts[i] += window.cost(reservation.tokens());
        }
    }

    synchronized void payTo(CapacityLedger shared, String scope, Limits limits, long nowMillis) {
        for (Window window : Window.all()) {
            int i = window.ordinal();
            if (amounts[i] > 0 && indexes[i] == window.index(nowMillis)) {
                shared.charge(scope, limits, window, amounts[i]);
            }
            amounts[i] = 0;
        }
    }
}
