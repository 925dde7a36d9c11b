package dev.freeway.gateway.cluster;

import io.vertx.core.Future;

/**
 * Cluster-wide penalties and cooldowns.
 *
 * <p>Penalty points belong to a subject ({@code provider/model}) and decay lazily with time, from
 * (points, since); nothing runs on a timer. A cooldown benches one key subject (a provider key and
 * model) until an instant. Reads are local and non-blocking (they may trail another node's write by
 * a moment); writes return futures completing on the caller's context, after this node's view
 * already reflects them.
 */
public interface PenaltyBook {

    /** Current points of {@code subject}, decayed to now; 0 when unknown. */
    double points(String subject);

    /** Epoch millis until which {@code keySubject} must not be called; 0 when it is free. */
    long benchedUntilMillis(String keySubject);

    /** Records a failed upstream call. */
    Future<Void> failure(String subject, String keySubject, PenaltyReason reason, long retryAfterMillis);

    /** Records a served request: one point off, and the key's cooldown streak forgotten. */
    Future<Void> success(String subject, String keySubject);
}
