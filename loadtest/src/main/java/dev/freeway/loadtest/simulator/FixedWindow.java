package dev.freeway.loadtest.simulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One key's request count in one fixed window. Window index and count share a long so a single CAS both
 * rolls over to a new window and counts, without locks.
 */
final class FixedWindow {
    private static final long COUNT_MASK = 0xFFFF_FFFFL;

    private final AtomicLong state = new AtomicLong();

    /** Returns the requests left in {@code window} after taking one, or -1 if the window is already full. */
    int tryAcquire(long window, int limit) {
        while (true) {
            long current = state.get();
            long count = (current >>> 32) == window ? current & COUNT_MASK : 0;
            if (count >= limit) {
                return -1;
            }
            if (state.compareAndSet(current, (window << 32) | (count + 1))) {
                return (int) (limit - count - 1);
            }
        }
    }

    /** Gives back a request taken in {@code window}; a no-op once the window has rolled over. */
    void release(long window) {
        state.getAndUpdate(s -> (s >>> 32) == window && (s & COUNT_MASK) > 0 ? s - 1 : s);
    }
}
