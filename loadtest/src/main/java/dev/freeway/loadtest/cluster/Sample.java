package dev.freeway.loadtest.cluster;

/**
 * How one client request ended.
 *
 * @param node the node that answered, or last failed (index into the cluster)
 * @param intendedNanos when the schedule wanted it sent; latency counts from here (open loop)
 * @param sentNanos when it went to {@code node}, after any retries
 * @param retries connection attempts refused by other nodes first, which a load balancer hides
 * @param error null unless {@code result} is ERROR
 */
record Sample(
        int node,
        boolean stream,
        long intendedNanos,
        long sentNanos,
        long endNanos,
        Result result,
        String error,
        int retries) {

    enum Result {
        OK,
        /** The gateway's own 429: no capacity left at the limit, the expected answer when R binds. */
        LIMITED,
        ERROR
    }

    long latencyNanos() {
        return endNanos - intendedNanos;
    }

    boolean answered() {
        return result != Result.ERROR;
    }

    /** In flight on {@code node} at {@code nanos}. */
    boolean openAt(long nanos) {
        return sentNanos <= nanos && endNanos > nanos;
    }
}
