package dev.freeway.gateway.metrics;

import dev.freeway.gateway.limits.DeadlineLedger;
import dev.freeway.gateway.secrets.KeyRefresher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntSupplier;

/**
 * The node's meters, one registry per node (tests build their own), and the JVM and process
 * meters operators expect. Callers count through typed methods; meters with labels are cached by
 * their label values, so counting costs a map lookup and an increment, and no label array or
 * string is built per request. Label values never carry key material: teams, provider ids,
 * statuses and limit scopes (which name a key by its fingerprint) only.
 *
 * <p>Prometheus names, a public contract (the Prometheus naming adds {@code _total} to counters):
 * {@code freeway_requests_total{team,status}}, {@code freeway_upstream_attempts_total{provider,outcome}},
 * {@code freeway_quota_warnings_total{scope,window}}, {@code freeway_key_refresh_failures_total},
 * {@code freeway_key_source_degraded}, {@code freeway_ledger_local_admissions_total},
 * {@code freeway_window_edge_holds_total}, {@code freeway_window_edge_readmissions_total},
 * {@code freeway_cluster_members}.
 */
public final class GatewayMetrics implements AutoCloseable {
    /** The content type of {@link #scrape()}'s text. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The {@code team} label of answers to callers that were not authenticated. */
    private static final String NO_TEAM = "";

    private static final int STATUSES = 600;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<String, AtomicReferenceArray<Counter>> requestsByTeam = new ConcurrentHashMap<>();
    private final Map<String, Counter[]> attemptsByProvider = new ConcurrentHashMap<>();
    private final Counter windowEdgeHolds = Counter.builder("freeway.window.edge.holds")
            .description("Requests that came at a window's very end and were admitted in the next window")
            .register(registry);
    private final Counter windowEdgeReadmissions = Counter.builder("freeway.window.edge.readmissions")
            .description("Admissions taken again because the call would have reached the provider in a later window")
            .register(registry);

    public GatewayMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * One answer of {@code /v1/chat/completions}.
     *
     * @param team the caller's team; null when the caller was not authenticated
     * @param status the HTTP status sent
     */
    public void request(String team, int status) {
        String name = team == null ? NO_TEAM : team;
        if (status < 0 || status >= STATUSES) {
            requestCounter(name, status).increment();
            return;
        }
        AtomicReferenceArray<Counter> byStatus = requestsByTeam.get(name);
        if (byStatus == null) {
            byStatus = requestsByTeam.computeIfAbsent(name, t -> new AtomicReferenceArray<>(STATUSES));
        }
        Counter counter = byStatus.get(status);
        if (counter == null) {
            // A race registers the same meter twice; the registry hands back the one it has.
            counter = requestCounter(name, status);
            byStatus.set(status, counter);
        }
        counter.increment();
    }

    private Counter requestCounter(String team, int status) {
        return Counter.builder("freeway.requests")
                .description("Answers of /v1/chat/completions by the caller's team and HTTP status")
                .tags("team", team, "status", Integer.toString(status))
                .register(registry);
    }

    /** One upstream call made on behalf of a request, by how it ended. */
    public void upstreamAttempt(String provider, UpstreamOutcome outcome) {
        Counter[] byOutcome = attemptsByProvider.get(provider);
        if (byOutcome == null) {
            // Only on a miss: the method reference captures this, so it costs an object per call.
            byOutcome = attemptsByProvider.computeIfAbsent(provider, this::attemptCounters);
        }
        byOutcome[outcome.ordinal()].increment();
    }

    private Counter[] attemptCounters(String provider) {
        UpstreamOutcome[] outcomes = UpstreamOutcome.values();
        Counter[] counters = new Counter[outcomes.length];
        for (UpstreamOutcome outcome : outcomes) {
            counters[outcome.ordinal()] = Counter.builder("freeway.upstream.attempts")
                    .description("Upstream calls by provider and outcome (ok, rate_limited, failed, rejected)")
                    .tags("provider", provider, "outcome", outcome.label)
                    .register(registry);
        }
        return counters;
    }

    /**
     * A provider key crossed 80 % of a daily window. Not cached: this happens at most once per
     * scope, window and day, so the registry's own lookup is cheap enough.
     */
    public void quotaWarning(String scope, String window) {
        Counter.builder("freeway.quota.warnings")
                .description("Provider keys that crossed 80 % of a daily window, once per scope, window and day")
                .tags("scope", scope, "window", window)
                .register(registry)
                .increment();
    }

    /** A request waited for the next window before its admission. */
    public void windowEdgeHold() {
        windowEdgeHolds.increment();
    }

    /** An admission was taken again in the window its call will reach the provider in. */
    public void windowEdgeReadmission() {
        windowEdgeReadmissions.increment();
    }

    /**
     * Exposes the refresher's failed reads and whether it serves on old keys, read at scrape time.
     * The counter holds the refresher weakly, so the caller must keep it, as the node does.
     */
    public void keySource(KeyRefresher keys) {
        FunctionCounter.builder("freeway.key.refresh.failures", keys, KeyRefresher::totalFailures)
                .description("Failed reads of the provider key source since start")
                .register(registry);
        Gauge.builder("freeway.key.source.degraded", keys, k -> k.degradedReason() == null ? 0 : 1)
                .description("1 while the node serves on the last keys read because the key source cannot be read")
                .strongReference(true)
                .register(registry);
    }

    /**
     * Exposes admissions decided from the node's own share because the shared ledger did not
     * answer within the admission deadline: each may overshoot a window by a little, so a rising
     * count says the cluster is too slow for its deadline. The ledger is held weakly, like the
     * refresher above.
     */
    public void localAdmissions(DeadlineLedger ledger) {
        FunctionCounter.builder("freeway.ledger.local.admissions", ledger, DeadlineLedger::fallbacks)
                .description("Admissions decided from the node's own share past the admission deadline")
                .register(registry);
    }

    /** Exposes the cluster members this node sees, read at scrape time; must not block. */
    public void clusterMembers(IntSupplier members) {
        Gauge.builder("freeway.cluster.members", members::getAsInt)
                .description("Cluster members this node sees")
                .register(registry);
    }

    /** Every meter in the Prometheus text format 0.0.4 ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    /** Stops listening to GC notifications, which would otherwise keep this registry alive. */
    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
