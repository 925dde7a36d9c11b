package dev.freeway.gateway.secrets;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads a {@link KeySource} on a worker thread every {@code intervalMillis} and hands each
 * changed snapshot to the node. A failed read keeps the last good snapshot in use and retries with
 * exponential backoff and full jitter (1 s doubling up to the interval), so a fleet does not
 * hammer a recovering store in step. The node is ready only once a snapshot has been read; after
 * that, failures make it degraded, never unready: dropping every node out of the load balancer
 * because Vault blinked would turn a secrets outage into a full outage.
 */
public final class KeyRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRefresher.class);
    private static final long FIRST_RETRY_MILLIS = 1_000;

    private final Vertx vertx;
    private final KeySource source;
    private final long intervalMillis;
    private final Clock clock;
    private final Consumer<KeySnapshot> onChange;
    private volatile KeySnapshot current;
    private volatile String lastError;
    private volatile long failures;
    private volatile long totalFailures;
    private volatile long lastSuccessMillis = -1;
    private volatile boolean closed;
    private long timer = -1;

    public KeyRefresher(
            Vertx vertx, KeySource source, long intervalMillis, Clock clock, Consumer<KeySnapshot> onChange) {
        this.vertx = vertx;
        this.source = source;
        this.intervalMillis = intervalMillis;
        this.clock = clock;
        this.onChange = onChange;
    }

    /** Reads once now; the future completes when that first read ends, whatever its outcome. */
    public Future<Void> start() {
        return refresh().mapEmpty();
    }

    private Future<Boolean> refresh() {
        return vertx.executeBlocking(source::fetch, true).transform(done -> {
            if (closed) {
                return Future.succeededFuture(false);
            }
            if (done.succeeded()) {
                succeeded(done.result());
                schedule(intervalMillis);
                return Future.succeededFuture(true);
            }
            failed(done.cause());
            schedule(backoffMillis());
            return Future.succeededFuture(false);
        });
    }

    private void succeeded(KeySnapshot snapshot) {
        if (failures > 0) {
            LOG.info("{} readable again after {} failed read(s)", source.describe(), failures);
        }
        failures = 0;
        lastError = null;
        lastSuccessMillis = clock.millis();
        if (current == null || !current.keys().equals(snapshot.keys())) {
            LOG.info("provider keys from {}: version {} is active", source.describe(), snapshot.version());
            current = snapshot;
            onChange.accept(snapshot);
        }
    }

    private void failed(Throwable cause) {
        failures++;
        totalFailures++;
        lastError = cause instanceof KeySourceException
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
        LOG.warn(
                "cannot read provider keys from {} ({} in a row): {}; {}",
                source.describe(),
                failures,
                lastError,
                current == null ? "no keys yet" : "serving the last keys read");
    }

    /** Full jitter over an exponentially growing ceiling, capped at the refresh interval. */
    private long backoffMillis() {
        long ceiling = Math.min(intervalMillis, FIRST_RETRY_MILLIS << Math.min(failures - 1, 20));
        return Math.max(100, ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private void schedule(long delayMillis) {
        if (!closed) {
            timer = vertx.setTimer(delayMillis, id -> refresh());
        }
    }

    /** Why the node must not serve yet: no snapshot was ever read; null once one was. */
    public String unreadyReason() {
        if (current != null) {
            return null;
        }
        return "provider keys not loaded from " + source.describe() + (lastError == null ? " yet" : ": " + lastError);
    }

    /** Why the node serves on old keys, or null when the last read succeeded. */
    public String degradedReason() {
        if (current == null || failures == 0) {
            return null;
        }
        return failures + " failed read(s) of " + source.describe() + " since "
                + Instant.ofEpochMilli(lastSuccessMillis) + ": " + lastError
                + "; serving the keys of version " + current.version();
    }

    /** The snapshot in use; empty before the first good read. */
    public KeySnapshot current() {
        KeySnapshot snapshot = current;
        return snapshot == null ? KeySnapshot.empty() : snapshot;
    }

    /** The store behind this refresher, for the admin API when it is writable. */
    public KeySource source() {
        return source;
    }

    /** Failed reads since start, for monitoring. */
    public long totalFailures() {
        return totalFailures;
    }

    @Override
    public void close() {
        closed = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        source.close();
    }
}
