package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.internal.util.ConcurrencyUtil;
import java.util.concurrent.ForkJoinPool;

/**
 * Where Hazelcast completes the stages chained on its futures (Bucket4j's result decoding, the hop
 * back to the Vert.x context). Hazelcast uses the common ForkJoinPool, except when that pool has a
 * single thread (machines or pods with two cores or fewer): then it starts a new thread per
 * callback, which cost every ledger call about a millisecond and capped one node at a few hundred
 * limited requests a second. There a small pool of its own takes over.
 */
final class CallbackExecutor {
    private static final int THREADS = 2;

    private CallbackExecutor() {}

    static synchronized void install() {
        if (ForkJoinPool.getCommonPoolParallelism() > 1
                || ConcurrencyUtil.getDefaultAsyncExecutor() instanceof ForkJoinPool) {
            return;
        }
        ConcurrencyUtil.setDefaultAsyncExecutor(
                new ForkJoinPool(THREADS, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true));
    }
}
