package dev.freeway.gateway.cluster.hazelcast;

import com.hazelcast.map.IMap;
import dev.freeway.gateway.limits.ClockTimeMeter;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.limits.Window;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.RecoveryStrategy;
import io.github.bucket4j.distributed.proxy.RemoteAsyncBucketBuilder;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window buckets of every scope and what to do when one has vanished. Keys are {@code
 * <window>@<scope>}; the map partitions by the part after '@', so a scope's windows live together.
 *
 * <p>Bucket4j would rebuild a lost bucket full, forgetting what was consumed. Here a bucket this
 * node has used before and that is now missing (two members lost at once, a new cluster after a
 * version bump) is rebuilt with what the provider last reported for the current window, or else
 * with this node's 1/N share of it. A bucket that merely expired was full anyway; rebuilding it
 * below full costs at most the rest of one window after an idle spell.
 */
final class WindowBuckets {
    private static final Logger LOG = LoggerFactory.getLogger(WindowBuckets.class);
    private static final int MAX_CACHED_PROXIES = 100_000;

    private final AsyncProxyManager<String> manager;
    private final BucketShapes shapes;
    private final Clock clock;
    private final IntSupplier members;
    private final ConcurrentHashMap<String, AsyncBucketProxy> proxies = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, long[]> truths = new ConcurrentHashMap<>();
    private final Set<String> correcting = ConcurrentHashMap.newKeySet();

    WindowBuckets(IMap<String, byte[]> map, Clock clock, IntSupplier members) {
        this.manager = Bucket4jHazelcast.entryProcessorBasedBuilder(map)
                .clientClock(new ClockTimeMeter(clock))
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build()
                .asAsync();
        this.shapes = new BucketShapes(clock);
        this.clock = clock;
        this.members = members;
    }

    static String key(Window window, String scope) {
        return window.tag() + "@" + scope;
    }

    CompletableFuture<ConsumptionProbe> tryConsume(String scope, Window window, Limits limits, long cost) {
        return apply(scope, window, limits, bucket -> bucket.tryConsumeAndReturnRemaining(cost));
    }

    /** Takes {@code amount} even past the limit: the provider already served it. */
    CompletableFuture<?> take(String scope, Window window, Limits limits, long amount) {
        return apply(scope, window, limits, bucket -> bucket.consumeIgnoringRateLimits(amount));
    }

    CompletableFuture<?> giveBack(String scope, Window window, Limits limits, long amount) {
        return apply(scope, window, limits, bucket -> bucket.addTokens(amount));
    }

    /**
     * Lowers a window to the provider's figure. Compared with the bucket as it is now, not as it was
     * at the admission, so a report already applied (by any node) is not taken twice. One correction
     * per window at a time on this node keeps two reports from taking the same gap together.
     */
    CompletableFuture<?> lowerTo(String scope, Window window, Limits limits, long providerRemaining) {
        String key = key(window, scope);
        if (!correcting.add(key)) {
            return CompletableFuture.completedFuture(null);
        }
        return apply(scope, window, limits, AsyncBucketProxy::getAvailableTokens)
                .thenCompose(available -> available > providerRemaining
                        ? take(scope, window, limits, available - providerRemaining)
                        : CompletableFuture.completedFuture(null))
                .whenComplete((done, error) -> correcting.remove(key));
    }

    /** Keeps the provider's last report per window: the best base for rebuilding a lost bucket. */
    void rememberTruth(String scope, Window window, long windowIndex, long remaining) {
        truths.put(key(window, scope), new long[] {windowIndex, remaining});
    }

    private <T> CompletableFuture<T> apply(
            String scope, Window window, Limits limits, Function<AsyncBucketProxy, CompletableFuture<T>> command) {
        String key = key(window, scope);
        long capacity = window.limit(limits);
        long version = limits.version();
        // A proxy carries its configuration: limits changed at runtime need a proxy of their own.
        String cached = version == 0 ? key : key + "#" + version;
        AsyncBucketProxy bucket = proxies.get(cached);
        if (bucket == null) {
            if (proxies.size() >= MAX_CACHED_PROXIES) {
                proxies.clear();
            }
            bucket = proxies.computeIfAbsent(cached, k -> proxy(key, window, capacity, capacity, version));
        }
        return command.apply(bucket).exceptionallyCompose(error -> {
            if (!(unwrap(error) instanceof BucketNotFoundException)) {
                return CompletableFuture.failedFuture(error);
            }
            long initial = rebuildTokens(key, window, capacity);
            LOG.warn("bucket {} of a scope was lost; rebuilt with {} of {} left", window, initial, capacity);
            AsyncBucketProxy replacement = proxy(key, window, capacity, initial, version);
            proxies.put(cached, replacement);
            return command.apply(replacement);
        });
    }

    private long rebuildTokens(String key, Window window, long capacity) {
        long[] truth = truths.get(key);
        if (truth != null && truth[0] == window.index(clock.millis())) {
            return Math.min(capacity, truth[1]);
        }
        return capacity / Math.max(1, members.getAsInt());
    }

    /**
     * With a version, a bucket stored under an older one takes this shape on its next use. A raised
     * limit keeps what was consumed in the window (ADDITIVE: the available tokens grow by the
     * increase); a lowered one caps what is left at the new limit, so for the rest of that one
     * window the old consumption is forgotten.
     */
    private AsyncBucketProxy proxy(String key, Window window, long capacity, long initialTokens, long version) {
        RemoteAsyncBucketBuilder<String> builder =
                manager.builder().withRecoveryStrategy(RecoveryStrategy.THROW_BUCKET_NOT_FOUND_EXCEPTION);
        if (version > 0) {
            builder = builder.withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE);
        }
        return builder.build(key, () -> config(shapes.window(window, capacity, initialTokens)));
    }

    private static CompletableFuture<BucketConfiguration> config(BucketConfiguration configuration) {
        return CompletableFuture.completedFuture(configuration);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
