package dev.freeway.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.testing.Scrape;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GatewayMetricsTest {
    private final GatewayMetrics metrics = new GatewayMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    private Scrape scrape() {
        return new Scrape(metrics.scrape());
    }

    @Test
    void answers_are_counted_by_team_and_status_and_exposed_with_total() {
        metrics.request("alpha", 200);
        metrics.request("alpha", 200);
        metrics.request("alpha", 429);
        metrics.request("beta", 200);
        metrics.request(null, 401);

        Scrape scrape = scrape();
        assertThat(scrape.value("freeway_requests_total{status=\"200\",team=\"alpha\"}"))
                .isEqualTo(2);
        assertThat(scrape.value("freeway_requests_total{status=\"429\",team=\"alpha\"}"))
                .isEqualTo(1);
        assertThat(scrape.value("freeway_requests_total{status=\"200\",team=\"beta\"}"))
                .isEqualTo(1);
        assertThat(scrape.value("freeway_requests_total{status=\"401\",team=\"\"}"))
                .isEqualTo(1);
        assertThat(scrape.text()).contains("# TYPE freeway_requests_total counter");
    }

    @Test
    void a_status_outside_the_usual_range_is_still_counted() {
        metrics.request("alpha", 999);
        metrics.request("alpha", 999);

        assertThat(scrape().value("freeway_requests_total{status=\"999\",team=\"alpha\"}"))
                .isEqualTo(2);
    }

    @Test
    void counting_allocates_nothing_once_the_labels_were_seen() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 1_000; i++) {
            count(i);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            count(i);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // Building the labels per call would cost hundreds of bytes each time.
        assertThat(allocated).isLessThan(10_000);
        assertThat(scrape().value("freeway_requests_total{status=\"200\",team=\"alpha\"}"))
                .isEqualTo(5_500);
    }

    private void count(int i) {
        metrics.request("alpha", i % 2 == 0 ? 200 : 429);
        metrics.upstreamAttempt("groq", i % 2 == 0 ? UpstreamOutcome.OK : UpstreamOutcome.RATE_LIMITED);
    }

    @Test
    void upstream_attempts_are_counted_by_provider_and_outcome() {
        metrics.upstreamAttempt("groq", UpstreamOutcome.OK);
        metrics.upstreamAttempt("groq", UpstreamOutcome.RATE_LIMITED);
        metrics.upstreamAttempt("groq", UpstreamOutcome.RATE_LIMITED);
        metrics.upstreamAttempt("cerebras", UpstreamOutcome.FAILED);
        metrics.upstreamAttempt("cerebras", UpstreamOutcome.REJECTED);

        Scrape scrape = scrape();
        assertThat(scrape.value("freeway_upstream_attempts_total{outcome=\"ok\",provider=\"groq\"}"))
                .isEqualTo(1);
        assertThat(scrape.value("freeway_upstream_attempts_total{outcome=\"rate_limited\",provider=\"groq\"}"))
                .isEqualTo(2);
        assertThat(scrape.value("freeway_upstream_attempts_total{outcome=\"failed\",provider=\"cerebras\"}"))
                .isEqualTo(1);
        assertThat(scrape.value("freeway_upstream_attempts_total{outcome=\"rejected\",provider=\"cerebras\"}"))
                .isEqualTo(1);
    }

    @Test
    void quota_warnings_are_counted_by_scope_and_window() {
        metrics.quotaWarning("groq#abc/llama", "requests_per_day");
        metrics.quotaWarning("groq#abc/llama", "requests_per_day");
        metrics.quotaWarning("groq#abc/llama", "tokens_per_day");

        Scrape scrape = scrape();
        assertThat(scrape.value("freeway_quota_warnings_total{scope=\"groq#abc/llama\",window=\"requests_per_day\"}"))
                .isEqualTo(2);
        assertThat(scrape.value("freeway_quota_warnings_total{scope=\"groq#abc/llama\",window=\"tokens_per_day\"}"))
                .isEqualTo(1);
    }

    @Test
    void the_cluster_gauge_reads_its_source_at_scrape_time() {
        int[] members = {1};
        metrics.clusterMembers(() -> members[0]);
        assertThat(scrape().value("freeway_cluster_members")).isEqualTo(1);

        members[0] = 3;

        assertThat(scrape().value("freeway_cluster_members")).isEqualTo(3);
    }

    @Test
    void the_labels_are_exactly_the_values_passed_and_jvm_meters_are_there() {
        metrics.request("alpha", 200);
        metrics.upstreamAttempt("groq", UpstreamOutcome.OK);
        metrics.quotaWarning("groq#abc/llama", "tokens_per_day");

        Scrape scrape = scrape();
        assertThat(scrape.samples().stream().filter(line -> line.startsWith("freeway_")))
                .containsExactlyInAnyOrder(
                        "freeway_requests_total{status=\"200\",team=\"alpha\"} 1.0",
                        "freeway_upstream_attempts_total{outcome=\"failed\",provider=\"groq\"} 0.0",
                        "freeway_upstream_attempts_total{outcome=\"ok\",provider=\"groq\"} 1.0",
                        "freeway_upstream_attempts_total{outcome=\"rate_limited\",provider=\"groq\"} 0.0",
                        "freeway_upstream_attempts_total{outcome=\"rejected\",provider=\"groq\"} 0.0",
                        "freeway_quota_warnings_total{scope=\"groq#abc/llama\",window=\"tokens_per_day\"} 1.0",
                        "freeway_window_edge_holds_total 0.0",
                        "freeway_window_edge_readmissions_total 0.0");
        assertThat(scrape.text())
                .contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds")
                .contains("system_cpu_count", "jvm_gc_");
    }
}
