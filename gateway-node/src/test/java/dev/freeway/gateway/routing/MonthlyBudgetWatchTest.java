package dev.freeway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.cluster.UsageTotals;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.limits.MonthlyBudget;
import dev.freeway.gateway.limits.QuotaWarnings;
import dev.freeway.gateway.metrics.GatewayMetrics;
import dev.freeway.gateway.provider.Usage;
import dev.freeway.gateway.secrets.ProviderKey;
import dev.freeway.gateway.testing.InMemoryUsageMeter;
import dev.freeway.gateway.testing.MutableClock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Monthly budgets are compared with the cluster's totals (every node's usage), not this node's. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MonthlyBudgetWatchTest {
    private static final String SCOPE = "cohere#abc/@trial-month";

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    /** What the cluster holds: other nodes have added to it. */
    private final InMemoryUsageMeter meter = new InMemoryUsageMeter();

    private final Map<String, UsageTotals> cluster = meter.monthly;
    private final UsageRecorder usage = new UsageRecorder(meter, clock);
    private final MonthlyBudgetWatch watch = new MonthlyBudgetWatch(usage, new QuotaWarnings(new GatewayMetrics()));
    private final MonthlyPoll poll = new MonthlyPoll(meter, clock, List.of(watch));
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("freeway.quota");

    @BeforeEach
    void listen() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(events);
    }

    @Test
    void a_budget_this_node_draws_on_is_warned_about_from_the_clusters_totals() {
        cluster.put(UsageMeter.SCOPE + SCOPE + "|2026-11", new UsageTotals(799, 0, 0, 0, 0));
        usage.record("alpha", trialCandidate(), new Usage(10, 5));
        usage.flush();
        poll.run();

        assertThat(events.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("event=quota_warning scope=" + SCOPE
                        + " window=requests_per_month used_percent=80 limit=1000 remaining=200");
    }

    @Test
    void nothing_is_read_while_no_request_drew_on_a_budget() {
        cluster.put(UsageMeter.SCOPE + SCOPE + "|2026-11", new UsageTotals(999, 0, 0, 0, 0));
        poll.run();

        assertThat(events.list).isEmpty();
    }

    private static Candidate trialCandidate() {
        ModelConfig model = new ModelConfig("command-a", "cohere", null, 50, 8192, null, null);
        return new Candidate(
                "cohere",
                model,
                ProviderKey.of("co-trial-key-000001"),
                new Limits(20, 0, 0, 0),
                "cohere/command-a",
                "cohere#abc/command-a",
                "cohere#abc",
                List.of(),
                List.of(new MonthlyBudget(SCOPE, 1_000, 0)),
                0,
                ZoneOffset.UTC);
    }
}
