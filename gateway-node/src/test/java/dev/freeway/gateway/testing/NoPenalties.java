package dev.freeway.gateway.testing;

import dev.freeway.gateway.cluster.PenaltyBook;
import dev.freeway.gateway.cluster.PenaltyReason;
import io.vertx.core.Future;

/** A penalty book that never penalises or benches: for tests about everything else in routing. */
public final class NoPenalties implements PenaltyBook {
    @Override
    public double points(String subject) {
        return 0;
    }

    @Override
    public long benchedUntilMillis(String keySubject) {
        return 0;
    }

    @Override
    public Future<Void> failure(String subject, String keySubject, PenaltyReason reason, long retryAfterMillis) {
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> success(String subject, String keySubject) {
        return Future.succeededFuture();
    }
}
