package dev.freeway.gateway.cluster.hazelcast;

import static dev.freeway.gateway.cluster.hazelcast.PenaltyState.*;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.freeway.gateway.cluster.PenaltyBook;
import dev.freeway.gateway.cluster.PenaltyReason;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Penalties in an IMap, updated by {@link PenaltyUpdate} entry processors, read from a local mirror
 * that this node's own writes update directly and other nodes' writes reach through an entry
 * listener. The version field keeps a late listener event from overwriting a newer state.
 */
final class HzPenaltyBook implements PenaltyBook {
    private static final long CAP_MILLI_POINTS = 10_000;
    private static final long SUCCESS_MILLI_POINTS = -1_000;
    private static final long KEY_REJECTED_BENCH_MILLIS = 3_600_000;
    private static final long OUT_OF_CREDIT_BENCH_MILLIS = 6 * 3_600_000;

    private final IMap<String, long[]> map;
    private final Clock clock;
    private final long decayMillisPerPoint;
    private final long baseCooldownMillis;
    private final Map<String, long[]> mirror = new ConcurrentHashMap<>();

    HzPenaltyBook(IMap<String, long[]> map, Clock clock, long decayMillisPerPoint, long baseCooldownMillis) {
        this.map = map;
        this.clock = clock;
        this.decayMillisPerPoint = decayMillisPerPoint;
        this.baseCooldownMillis = baseCooldownMillis;
        map.addEntryListener(new MirrorListener(), true);
        map.forEach(this::remember);
    }

    @Override
    public double points(String subject) {
        return decayedMilliPoints(mirror.get(subject), clock.millis(), decayMillisPerPoint) / 1_000.0;
    }

    @Override
    public long benchedUntilMillis(String keySubject) {
        long[] state = mirror.get(keySubject);
        return state == null ? 0 : state[BENCHED_UNTIL];
    }

    @Override
    public Future<Void> failure(String subject, String keySubject, PenaltyReason reason, long retryAfterMillis) {
        long now = clock.millis();
        Future<Void> points =
                update(subject, PenaltyUpdate.points(now, reason.milliPoints(), CAP_MILLI_POINTS, decayMillisPerPoint));
        if (!reason.benchesKey()) {
            return points;
        }
        long base = switch (reason) {
            case KEY_REJECTED -> KEY_REJECTED_BENCH_MILLIS;
            case OUT_OF_CREDIT -> OUT_OF_CREDIT_BENCH_MILLIS;
            case WINDOW_EXHAUSTED, QUOTA_EXHAUSTED -> 1;
            default -> baseCooldownMillis;
        };
        return Future.all(points, update(keySubject, PenaltyUpdate.bench(now, base, retryAfterMillis)))
                .mapEmpty();
    }

    @Override
    public Future<Void> success(String subject, String keySubject) {
        long now = clock.millis();
        Future<Void> points =
                update(subject, PenaltyUpdate.points(now, SUCCESS_MILLI_POINTS, CAP_MILLI_POINTS, decayMillisPerPoint));
        long[] key = mirror.get(keySubject);
        if (key == null || key[STRIKES] == 0) {
            return points;
        }
        return Future.all(points, update(keySubject, PenaltyUpdate.clearStreak(now)))
                .mapEmpty();
    }

    private Future<Void> update(String key, PenaltyUpdate update) {
        if (update.isNoOpOn(mirror.get(key))) {
            return Future.succeededFuture();
        }
        return FutureBridge.toVertx(map.submitToKey(key, update)).map(state -> {
            remember(key, state);
            return null;
        });
    }

    private void remember(String key, long[] state) {
        mirror.merge(key, state, (old, fresh) -> fresh[VERSION] >= old[VERSION] ? fresh : old);
    }

    /** Merged events too: after a split heals, the merged penalty must reach every mirror. */
    private final class MirrorListener
            implements EntryAddedListener<String, long[]>,
                    EntryUpdatedListener<String, long[]>,
                    EntryMergedListener<String, long[]> {
        @Override
        public void entryAdded(EntryEvent<String, long[]> event) {
            remember(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, long[]> event) {
            remember(event.getKey(), event.getValue());
        }

        @Override
        public void entryMerged(EntryEvent<String, long[]> event) {
            remember(event.getKey(), event.getValue());
        }
    }
}
