package dev.freeway.gateway.cluster.hazelcast;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;

/** Turns Hazelcast's and Bucket4j's completion stages into Vert.x futures on the calling context. */
final class FutureBridge {
    private FutureBridge() {}

    static <T> Future<T> toVertx(CompletionStage<T> stage) {
        Context context = Vertx.currentContext();
        return context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
    }
}
