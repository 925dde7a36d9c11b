package dev.freeway.loadtest.scenarios;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the run as the markdown page docs/benchmarks.md. */
final class BenchReport {
    private static final double TARGET_ADDED_P50_MS = 0.3;
    private static final double TARGET_ADDED_P99_MS = 1.5;
    private static final double TARGET_ADDED_TTFT_MS = 0.5;
    private static final double TARGET_REQUESTS_PER_CPU_SECOND = 8_000;
    private static final double TARGET_RSS_MB = 400;

    private final Machine machine;
    private final String loadAfter;
    private final String command;
    private final BenchOptions options;
    private final List<CellSummary> cells;
    private final StringBuilder out = new StringBuilder();

    BenchReport(Machine machine, String loadAfter, String command, BenchOptions options, List<CellSummary> cells) {
        this.machine = machine;
        this.loadAfter = loadAfter;
        this.command = command;
        this.options = options;
        this.cells = cells;
    }

    String markdown() {
        line("# Freeway benchmarks");
        line("");
        line("The gateway's overhead, measured against direct calls to the provider simulator in the same run. "
                + "Generated on " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " by the command below; "
                + "rerun it to refresh this page.");
        machine();
        command();
        method();
        latencyTable();
        throughputTable();
        errors();
        targets();
        return out.toString();
    }

    private void machine() {
        line("");
        line("## Machine");
        line("");
        line("- CPU: " + machine.cpu() + ", " + machine.cores() + " cores (`nproc`)");
        line("- Memory: " + machine.memory());
        line("- Java: `" + machine.java() + "`");
        line("- Load average (1/5/15 min) before: " + machine.loadBefore() + "; after: " + loadAfter);
        line("");
        line("**Caveat.** This is a shared, noisy " + machine.cores() + "-core box. The generator, the simulator "
                + "and the gateway compete for the same cores (and with other tenants), so the gateway's added "
                + "latency includes time spent waiting for a core, and p99 figures move between repeats. The "
                + "bracketed ranges show by how much. Compare gateway with direct within this page; do not read "
                + "the absolute numbers as what a dedicated machine would do.");
    }

    private void command() {
        line("");
        line("## Command");
        line("");
        line("```");
        line(command);
        line("```");
    }

    private void method() {
        line("");
        line("## Method");
        line("");
        line("- Simulator: in-process in the generator's JVM, one event loop, OpenAI format, answers after the "
                + "configured upstream latency (streams: all chunks at once after it).");
        line("- Gateway: child JVM `java -Xmx512m -jar gateway-node.jar`, one event loop per core "
                + "(`server.instances: 0`), one provider, one key, one model without limits; ready when "
                + "`GET /health/ready` is 200.");
        line("- Generator: Vert.x HttpClient on one event loop, HTTP/1.1 keep-alive, pool ≥ concurrency, a fresh "
                + "pool per run. Closed loop: N clients, each sends its next request when the previous one ends. "
                + "Open loop: fixed arrival rate, latency counted from the *intended* send time so a stall is "
                + "charged to every request it delayed (no coordinated omission); sends are scheduled on a 1 ms "
                + "tick, which adds up to 1 ms to both direct and gateway figures.");
        line("- Requests: one user message, `stream` true or false, cycling through 256 conversations (distinct "
                + "first user turns, which is what the gateway keys sticky sessions by); `model: auto` through the "
                + "gateway, `bench-model` direct.");
        line("- Latency: send → end of response (for streams, the closing `[DONE]`). Time to first token (TTFT): "
                + "send → first SSE event whose `delta.content` is non-empty. HdrHistogram, µs resolution; "
                + "successful requests only, errors are counted separately.");
        line(String.format(
                Locale.ROOT,
                "- Every run: %d s warm-up (discarded) then %d s measured. %d repeats per "
                        + "cell; each repeat runs direct and gateway back to back, alternating which goes first. "
                        + "Before the first cell, 5 s runs against an instant upstream bring both JVMs past JIT "
                        + "compilation.",
                options.warmup().toSeconds(),
                options.duration().toSeconds(),
                options.repeats()));
        line("- Figures are medians over repeats. *Added* = median over repeats of (gateway − direct) within a "
                + "repeat, [lowest–highest] across repeats.");
        line("- Gateway CPU: utime + stime of the gateway process (`/proc/PID/stat`, all threads: event loops, GC, "
                + "JIT, Hazelcast), divided into all successful requests of the run (warm-up included). *Load "
                + "only* counts from the start of the run to its last response; *all* counts on until the "
                + "gateway is quiet again (≤ 5 % of a core over 500 ms, at most 120 s), so work the gateway "
                + "defers past its last response is charged to the requests that caused it. *Busy after the "
                + "load* says how long that took; the next run starts only then.");
        line("- RSS: `VmRSS` from `/proc/PID/status`, sampled every 200 ms while the gateway is loaded. "
                + "1 MB = 10^6 bytes.");
    }

    private void latencyTable() {
        line("");
        line("## Latency with a 50 ms simulated upstream (ms)");
        line("");
        line("| Load | Response | p50 direct | p50 gateway | added p50 | p99 direct | p99 gateway | added p99 "
                + "| TTFT p50 direct | TTFT p50 gateway | added TTFT p50 | added TTFT p99 | errors direct / gateway |");
        line("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        for (CellSummary s : cells) {
            if (s.cell().upstream().isZero()) {
                continue;
            }
            line(String.join(
                    " | ",
                    "| " + s.cell().loadLabel(),
                    s.cell().stream() ? "stream" : "JSON",
                    ms(s.p50().direct()),
                    ms(s.p50().gateway()),
                    added(s.p50()),
                    ms(s.p99().direct()),
                    ms(s.p99().gateway()),
                    added(s.p99()),
                    ms(s.firstTokenP50().direct()),
                    ms(s.firstTokenP50().gateway()),
                    added(s.firstTokenP50()),
                    added(s.firstTokenP99()),
                    s.directErrorCount() + " / " + s.gatewayErrorCount() + " |"));
        }
    }

    private void throughputTable() {
        line("");
        line("## Throughput, gateway CPU and memory");
        line("");
        line("| Upstream | Load | Response | req/s direct | req/s gateway | gateway / direct "
                + "| gateway req per CPU-second, load only | gateway req per CPU-second, all "
                + "| gateway busy after the load (s) | gateway RSS peak (MB) |");
        line("|--:|---|---|--:|--:|--:|--:|--:|--:|--:|");
        for (CellSummary s : cells) {
            line(String.join(
                    " | ",
                    "| " + s.cell().upstream().toMillis() + " ms",
                    s.cell().loadLabel(),
                    s.cell().stream() ? "stream" : "JSON",
                    format("%.0f", s.throughput().direct()),
                    format("%.0f", s.throughput().gateway()),
                    format("%.2f", s.throughput().ratio()),
                    format("%.0f", s.gatewayRequestsPerLoadCpuSecond()),
                    format("%.0f", s.gatewayRequestsPerCpuSecond()),
                    format("%.1f", s.gatewaySettleSeconds()),
                    format("%.0f", megabytes(s.gatewayRss().peakKb())) + " |"));
        }
        RssSampler.Sample rss = overallRss();
        line("");
        line(format(
                "Gateway RSS over all gateway runs: peak %.0f MB, %.0f MB at the end of the last run "
                        + "(heap capped at 512 MiB by `-Xmx512m`).",
                megabytes(rss.peakKb()), megabytes(rss.lastKb())));
    }

    private void errors() {
        List<String> lines = new ArrayList<>();
        for (CellSummary s : cells) {
            describe(lines, s, "direct", s.directErrors());
            describe(lines, s, "gateway", s.gatewayErrors());
        }
        if (lines.isEmpty()) {
            return;
        }
        line("");
        line("## Errors (all repeats, measured windows)");
        line("");
        lines.forEach(this::line);
    }

    private void targets() {
        CellSummary json16 = find(Cell.CLOSED_16);
        CellSummary stream16 = find(Cell.CLOSED_16_STREAM);
        CellSummary instant = find(Cell.INSTANT_64);
        RssSampler.Sample rss = overallRss();
        line("");
        line("## Targets");
        line("");
        line("| Target | Measured (medians of " + options.repeats() + " repeats) | Met |");
        line("|---|---|---|");
        boolean addedMet = json16.p50().added() <= TARGET_ADDED_P50_MS
                && json16.p99().added() <= TARGET_ADDED_P99_MS
                && stream16.p50().added() <= TARGET_ADDED_P50_MS
                && stream16.p99().added() <= TARGET_ADDED_P99_MS;
        target(
                "Added latency at 16 clients, 50 ms upstream: p50 ≤ 0.3 ms and p99 ≤ 1.5 ms",
                "JSON: p50 " + added(json16.p50()) + ", p99 " + added(json16.p99()) + "; stream: p50 "
                        + added(stream16.p50()) + ", p99 " + added(stream16.p99()),
                addedMet);
        target(
                "Added time to first token ≤ 0.5 ms (p50, 16 clients, 50 ms upstream)",
                ttftOverview(),
                stream16.firstTokenP50().added() <= TARGET_ADDED_TTFT_MS);
        target(
                "≥ 8,000 non-streaming requests per gateway CPU-second, instant upstream, 64 clients",
                format(
                        "%.0f req per CPU-second, counting the %.1f s the gateway stayed busy after the load "
                                + "(%.0f counting only the load); gateway %.0f req/s, direct %.0f req/s",
                        instant.gatewayRequestsPerCpuSecond(),
                        instant.gatewaySettleSeconds(),
                        instant.gatewayRequestsPerLoadCpuSecond(),
                        instant.throughput().gateway(),
                        instant.throughput().direct()),
                instant.gatewayRequestsPerCpuSecond() >= TARGET_REQUESTS_PER_CPU_SECOND);
        target(
                "Gateway RSS ≤ 400 MB under load",
                format("peak %.0f MB, end %.0f MB", megabytes(rss.peakKb()), megabytes(rss.lastKb())),
                megabytes(rss.peakKb()) <= TARGET_RSS_MB);
        line("");
        line("A target counts as met when the median meets it; the bracketed ranges show whether single repeats "
                + "did too. Gateway errors in any cell (see the tables) would void the latency targets.");
    }

    private String ttftOverview() {
        List<String> parts = new ArrayList<>();
        for (CellSummary s : cells) {
            if (s.cell().stream()) {
                parts.add(s.cell().loadLabel() + ": p50 " + added(s.firstTokenP50()) + ", p99 "
                        + added(s.firstTokenP99()));
            }
        }
        return String.join("; ", parts);
    }

    private void target(String target, String measured, boolean met) {
        line("| " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |");
    }

    private CellSummary find(Cell cell) {
        return cells.stream().filter(s -> s.cell().equals(cell)).findFirst().orElseThrow();
    }

    private RssSampler.Sample overallRss() {
        return cells.stream()
                .map(CellSummary::gatewayRss)
                .reduce(RssSampler.Sample::followedBy)
                .orElseThrow();
    }

    private static void describe(List<String> lines, CellSummary s, String side, Map<String, Long> errors) {
        if (!errors.isEmpty()) {
            lines.add("- " + s.cell().label() + ", " + side + ": " + errors);
        }
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "–" : format("%.2f", value);
    }

    private static String added(Paired figure) {
        return Double.isNaN(figure.added())
                ? "–"
                : format("%+.3f [%+.3f – %+.3f]", figure.added(), figure.addedLow(), figure.addedHigh());
    }

    private static double megabytes(long kibibytes) {
        return kibibytes * 1024 / 1e6;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
