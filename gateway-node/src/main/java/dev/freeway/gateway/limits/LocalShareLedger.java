package dev.freeway.gateway.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * This node's own 1/N share of each window, used only while the shared ledger does not answer in
 * time. If every node fell back at once they would together admit at most the limit, so a stalled
 * member costs capacity, never a provider 429. In the current window the share starts from what
 * the shared ledger last showed as left, not from a full window.
 */
public final class LocalShareLedger {
    private final Clock clock;
    private final ClockTimeMeter time;
    private final IntSupplier nodes;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param nodes how many nodes share the limits: the largest cluster size seen */
    public LocalShareLedger(Clock clock, IntSupplier nodes) {
        this.clock = clock;
        this.time = new ClockTimeMeter(clock);
        this.nodes = nodes;
    }

    /** @param lastShared the last reservation the shared ledger granted for this scope, or null */
    public Admission reserve(String scope, Limits limits, long tokens, Reservation lastShared) {
        long reserved = limits.limitsTokens() ? tokens : 0;
        long waitNanos = 0;
        Window[] windows = Window.all();
        boolean[] taken = new boolean[windows.length];
        for (Window window : windows) {
            if (!window.meters(limits, reserved)) {
                continue;
            }
            ConsumptionProbe probe =
                    bucket(scope, window, limits, lastShared).tryConsumeAndReturnRemaining(window.cost(reserved));
            if (probe.isConsumed()) {
                taken[window.ordinal()] = true;
            } else {
                waitNanos = Math.max(waitNanos, probe.getNanosToWaitForRefill());
            }
        }
        if (waitNanos == 0) {
            return Admission.granted(Reservation.local(scope, limits, reserved, clock.millis()));
        }
        for (Window window : windows) {
            if (taken[window.ordinal()]) {
                buckets.get(key(window, scope)).addTokens(window.cost(reserved));
            }
        }
        return Admission.denied(waitNanos);
    }

    /** Takes what is left of this node's share of every window of {@code scope}: the shared window is out. */
    public void empty(String scope) {
        for (Window window : Window.all()) {
            Bucket bucket = buckets.get(key(window, scope));
            if (bucket != null) {
                bucket.tryConsumeAsMuchAsPossible();
            }
        }
    }

    public void settle(Reservation reservation, long actualTokens) {
        long difference = actualTokens - reservation.tokens();
        for (Window window : Window.all()) {
            Bucket bucket = buckets.get(key(window, reservation.scope()));
            if (bucket == null || !window.countsTokens() || difference == 0) {
                continue;
            }
            if (difference > 0) {
                bucket.consumeIgnoringRateLimits(difference);
            } else {
                bucket.addTokens(-difference);
            }
        }
    }

    public void release(Reservation reservation) {
        for (Window window : Window.all()) {
            Bucket bucket = buckets.get(key(window, reservation.scope()));
            long cost = window.cost(reservation.tokens());
            if (bucket != null && cost > 0) {
                bucket.addTokens(cost);
            }
        }
    }

    private Bucket bucket(String scope, Window window, Limits limits, Reservation lastShared) {
        return buckets.computeIfAbsent(key(window, scope), k -> {
            int share = Math.max(1, nodes.getAsInt());
            long capacity = Math.max(1, window.limit(limits) / share);
            long now = clock.millis();
            // Never seen from the shared ledger (a node just started or rejoined, a scope it has
            // not served): nothing is known of what the others used, so nothing is admitted blind.
            // Seen in an earlier window: that window has reset for everyone, a full share is fair.
            long initial = 0;
            if (lastShared != null) {
                initial = lastShared.sameWindow(window, now)
                        ? Math.min(capacity, Math.max(0, lastShared.remaining(window)) / share)
                        : capacity;
            }
            long boundedInitial = initial;
            return Bucket.builder()
                    .addLimit(limit -> limit.capacity(capacity)
                            .refillIntervallyAligned(
                                    capacity, window.length(), Instant.ofEpochMilli(window.endMillis(now)))
                            .initialTokens(boundedInitial))
                    .withCustomTimePrecision(time)
                    .build();
        });
    }

    private static String key(Window window, String scope) {
        return window.tag() + "@" + scope;
    }
}
