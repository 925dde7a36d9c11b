package dev.freeway.gateway.node;

import dev.freeway.gateway.api.ChatCompletionsHandler;
import dev.freeway.gateway.api.ModelsHandler;
import dev.freeway.gateway.api.UsageHandler;
import dev.freeway.gateway.api.UsageReport;
import dev.freeway.gateway.auth.Authenticator;
import dev.freeway.gateway.auth.ClientKeys;
import dev.freeway.gateway.auth.IssuedKeys;
import dev.freeway.gateway.catalog.LiveCatalog;
import dev.freeway.gateway.cluster.PauseDetector;
import dev.freeway.gateway.cluster.PenaltyBook;
import dev.freeway.gateway.cluster.StickySessions;
import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.cluster.hazelcast.HazelcastCluster;
import dev.freeway.gateway.config.GatewayConfig;
import dev.freeway.gateway.config.RoutingConfig;
import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.limits.CapacityView;
import dev.freeway.gateway.limits.DeadlineLedger;
import dev.freeway.gateway.limits.LocalShareLedger;
import dev.freeway.gateway.limits.QuotaWarnings;
import dev.freeway.gateway.limits.WatchedLedger;
import dev.freeway.gateway.metrics.GatewayMetrics;
import dev.freeway.gateway.provider.ProviderRegistry;
import dev.freeway.gateway.routing.ChatCompletionFlow;
import dev.freeway.gateway.routing.Failover;
import dev.freeway.gateway.routing.MonthlyBudgetWatch;
import dev.freeway.gateway.routing.MonthlyPoll;
import dev.freeway.gateway.routing.PinWriter;
import dev.freeway.gateway.routing.Planner;
import dev.freeway.gateway.routing.TeamPolicy;
import dev.freeway.gateway.routing.TeamSpend;
import dev.freeway.gateway.routing.UsageRecorder;
import dev.freeway.gateway.routing.WindowEdge;
import dev.freeway.gateway.secrets.KeyRefresher;
import dev.freeway.gateway.secrets.KeySource;
import dev.freeway.gateway.secrets.KeySources;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The composition root: builds every component in dependency order (clock, cluster, ledger,
 * providers, routing, HTTP) and owns their shutdown.
 */
public final class GatewayNode {
    private static final long USAGE_FLUSH_MILLIS = 1_000;

    private final Vertx vertx;
    private final HazelcastCluster cluster;
    private final HealthChecks health;
    private final UsageRecorder usage;
    private final AtomicInteger port;
    private final long usageTimer;
    private final KeyRefresher keys;
    private final GatewayMetrics metrics;
    private String deployment;
    private HttpServer admin;

    private GatewayNode(
            Vertx vertx,
            HazelcastCluster cluster,
            HealthChecks health,
            UsageRecorder usage,
            Runnable afterFlush,
            AtomicInteger port,
            KeyRefresher keys,
            GatewayMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.keys = keys;
        this.cluster = cluster;
        this.health = health;
        this.usage = usage;
        this.port = port;
        this.usageTimer =
                vertx.setPeriodic(USAGE_FLUSH_MILLIS, id -> usage.flush().onComplete(flushed -> afterFlush.run()));
    }

    /** Starts the cluster member (blocking) and then the HTTP servers; call off the event loop. */
    public static Future<GatewayNode> start(Vertx vertx, GatewayConfig config, Clock clock) {
        RoutingConfig routing = config.routing();
        LiveCatalog catalog = new LiveCatalog(config);
        Optional<KeySource> keySource = KeySources.create(config.secrets(), clock);
        HazelcastCluster cluster = HazelcastCluster.start(config.cluster());
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.clusterMembers(cluster::memberCount);
        PauseDetector pauses = PauseDetector.start(vertx);
        CapacityView capacity = new CapacityView();
        QuotaWarnings quotaWarnings = new QuotaWarnings(metrics);
        DeadlineLedger deadlineLedger = new DeadlineLedger(
                cluster.ledger(clock),
                new LocalShareLedger(clock, cluster::shareDivisor),
                clock,
                routing.admissionTimeoutMs(),
                pauses::trusted,
                cluster::migrating);
        metrics.localAdmissions(deadlineLedger);
        CapacityLedger ledger = new WatchedLedger(deadlineLedger, capacity, quotaWarnings);
        PenaltyBook penalties =
                cluster.penalties(clock, routing.penaltyDecaySeconds() * 1_000, routing.cooldownSeconds() * 1_000);

        KeyRefresher keys = keySource
                .map(source -> new KeyRefresher(
                        vertx, source, KeySources.refreshMillis(config.secrets()), clock, catalog::use))
                .orElse(null);
        if (keys != null) {
            metrics.keySource(keys);
        }
        Planner planner = new Planner(catalog, penalties, routing.penaltyWeight());
        long stickyTtlMillis = routing.stickyTtlSeconds() * 1_000;
        StickySessions sticky = cluster.stickySessions(clock, stickyTtlMillis);
        PinWriter pins = new PinWriter(sticky, clock, stickyTtlMillis);
        UsageMeter meter = cluster.usage();
        UsageRecorder usage = new UsageRecorder(meter, clock);
        TeamPolicy teams = new TeamPolicy(config.teams(), config.providers());
        teams.follow(cluster.teamSettings());
        TeamSpend spend = new TeamSpend(teams, clock);
        MonthlyPoll monthly = new MonthlyPoll(meter, clock, spend, new MonthlyBudgetWatch(usage, quotaWarnings));
        Function<HttpClient, ChatCompletionsHandler> chatOverClient = upstreams -> {
            ProviderRegistry providers = ProviderRegistry.build(config.providers(), WireFormats.factories(upstreams));
            Failover failover = new Failover(
                    ledger,
                    penalties,
                    providers,
                    clock,
                    routing.maxAttempts(),
                    routing.totalTimeoutMs(),
                    routing.admissionTimeoutMs(),
                    cluster.fairShare(),
                    metrics,
                    new WindowEdge(
                            routing.windowEdgeMs(),
                            millis -> vertx.timer(millis).mapEmpty()));
            return new ChatCompletionsHandler(
                    new ChatCompletionFlow(
                            planner,
                            failover,
                            ledger,
                            sticky,
                            pins,
                            penalties,
                            usage,
                            teams,
                            spend,
                            routing.admissionTimeoutMs()),
                    metrics);
        };

        IssuedKeys issuedKeys = new IssuedKeys(cluster.clientKeys(), clock);
        HealthChecks health = new HealthChecks(
                () -> {
                    String reason = pauses.trusted() ? cluster.unreadyReason() : "recovering from a freeze";
                    return reason != null || keys == null ? reason : keys.unreadyReason();
                },
                () -> keys == null ? null : keys.degradedReason());
        UsageReport usageReport = new UsageReport(meter, usage);
        Routes routes = new Routes(
                new Authenticator(ClientKeys.from(config.auth().clientKeys()), issuedKeys),
                chatOverClient,
                new ModelsHandler(catalog, capacity, clock),
                new UsageHandler(usageReport, clock),
                health,
                config.server().bodyLimitBytes());

        AtomicInteger port = new AtomicInteger();
        // Monthly totals are read after the flush that brought this node's usage into them.
        GatewayNode node = new GatewayNode(vertx, cluster, health, usage, monthly::run, port, keys, metrics);
        int instances = config.server().instances() > 0
                ? config.server().instances()
                : Runtime.getRuntime().availableProcessors();
        Future<Void> keysRead = keys == null ? Future.succeededFuture() : keys.start();
        return keysRead.compose(read -> vertx.deployVerticle(
                        () -> new HttpVerticle(
                                routes, config.server().host(), config.server().port(), port),
                        new DeploymentOptions().setInstances(instances)))
                .compose(id -> {
                    node.deployment = id;
                    return AdminListener.start(
                            vertx,
                            config.admin(),
                            keys,
                            issuedKeys,
                            teams,
                            cluster.teamSettings(),
                            usageReport,
                            clock,
                            metrics);
                })
                .map(admin -> {
                    node.admin = admin;
                    return node;
                })
                .recover(error -> {
                    if (keys != null) {
                        keys.close();
                    }
                    metrics.close();
                    cluster.close();
                    return Future.failedFuture(error);
                });
    }

    public int port() {
        return port.get();
    }

    /** The admin listener's port, or -1 when the admin API is off. */
    public int adminPort() {
        return admin == null ? -1 : admin.actualPort();
    }

    /**
     * Drains and leaves (the caller closes Vert.x afterwards, from outside its event loops):
     * readiness turns false and answers close their connections until requests stop coming
     * ({@link LameDuck}), then the servers stop accepting and finish what they serve, usage is flushed, and the member leaves
     * the cluster gracefully so its partitions migrate first.
     */
    public Future<Void> stop() {
        health.drain();
        Future<Void> adminClosed = admin == null ? Future.succeededFuture() : admin.close();
        Future<Void> undeployed = adminClosed
                .transform(closed -> LameDuck.serve(vertx, health::arrivalsWhileDraining))
                .compose(ready -> deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment));
        return undeployed
                .eventually(() -> {
                    vertx.cancelTimer(usageTimer);
                    if (keys != null) {
                        keys.close();
                    }
                    metrics.close();
                    return usage.flush();
                })
                .eventually(() -> vertx.executeBlocking(() -> {
                    cluster.close();
                    return null;
                }));
    }
}
