package dev.freeway.loadtest.scenarios;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** Renders the cluster comparison as one section of docs/benchmarks.md. */
final class AdmissionReport {
    static final String HEADING = "## 3-node cluster: admission cost";

    private final Machine machine;
    private final String loadAfter;
    private final String command;
    private final BenchOptions options;
    private final List<AdmissionSummary> cells;
    private final StringBuilder out = new StringBuilder();

    AdmissionReport(
            Machine machine, String loadAfter, String command, BenchOptions options, List<AdmissionSummary> cells) {
        this.machine = machine;
        this.loadAfter = loadAfter;
        this.command = command;
        this.options = options;
        this.cells = cells;
    }

    String markdown() {
        line(HEADING);
        line("");
        line("What admission through the shared ledger costs a request in a 3-node cluster, against the single "
                + "node without limits, in one run of its own. Generated on "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " by:");
        line("");
        line("```");
        line(command);
        line("```");
        line("");
        line("Same machine as above (" + machine.cores() + " cores); load average (1/5/15 min) before: "
                + machine.loadBefore() + "; after: " + loadAfter + ".");
        headline();
        method();
        admissionTable();
        latencyTable();
        return out.toString();
    }

    private void headline() {
        AdmissionSummary first = cells.get(0);
        line("");
        line(format(
                "**Admission cost per request, 3 nodes, %s:** p50 %s ms, p99 %s ms (medians of %d repeats). "
                        + "Added latency, 3 nodes limited: p50 %s, p99 %s ms; 1 node unlimited, same run: "
                        + "p50 %s, p99 %s ms.",
                first.cell().label(),
                added(first.admissionP50()),
                added(first.admissionP99()),
                options.repeats(),
                added(first.setups().get(2).p50()),
                added(first.setups().get(2).p99()),
                added(first.setups().get(0).p50()),
                added(first.setups().get(0).p99())));
    }

    private void method() {
        line("");
        line("Method, where it differs from the single-node cells:");
        line("");
        line("- Three gateway setups, all child JVMs as above with one provider key: *1 node, unlimited* (the "
                + "model has no limits, so the ledger is never touched); *1 node, limited* (rpm 10,000,000 and "
                + "tpm 10,000,000,000: never refused, but every request reserves in the rpm and tpm windows and "
                + "settles afterwards, in the node's own embedded member); *3 nodes, limited* (the same model in "
                + "three nodes on 127.0.0.1, each with its own ports, forming one Hazelcast cluster by TCP-IP join; a node is "
                + "ready only once all three have joined).");
        line("- Every request uses the one key, whose windows share one partition and so one owner member. "
                + "Requests through the owner admit locally; those through the other two nodes, about 2/3, "
                + "go over the network to it (loopback here, no real network latency).");
        line("- Through the cluster the load is spread evenly over the three nodes, as a balancer would: "
                + "closed-loop clients dealt round-robin (16 → 6/5/5), each keeping its node; an open loop's "
                + "rate split (200 → 67/67/66 req/s). The shares run at once on the generator's one event loop.");
        line(format(
                "- %d s warm-up, %d s measured, %d repeats; each repeat runs direct and the three setups back to "
                        + "back, starting one later each repeat. *Added* = median over repeats of (setup − "
                        + "direct) within a repeat, [lowest–highest]. *Admission cost* = median over repeats of "
                        + "(3 nodes limited − 1 node unlimited) within a repeat; *ledger on 1 node* likewise "
                        + "(1 node limited − 1 node unlimited).",
                options.warmup().toSeconds(), options.duration().toSeconds(), options.repeats()));
        line("- The three cluster members share the " + machine.cores() + " cores with the generator, the "
                + "simulator and the idle single nodes, so the cluster also pays for waiting on a core; its "
                + "CPU figure is summed over the three members.");
    }

    private void admissionTable() {
        line("");
        line("| Load | Response | ledger on 1 node, p50 | ledger on 1 node, p99 | admission cost, 3 nodes, p50 "
                + "| admission cost, 3 nodes, p99 |");
        line("|---|---|--:|--:|--:|--:|");
        for (AdmissionSummary s : cells) {
            line(String.join(
                    " | ",
                    "| " + s.cell().loadLabel(),
                    response(s.cell()),
                    added(s.ledgerP50()),
                    added(s.ledgerP99()),
                    added(s.admissionP50()),
                    added(s.admissionP99()) + " |"));
        }
    }

    private void latencyTable() {
        line("");
        line("| Load | Response | Setup | p50 direct | p50 gateway | added p50 | p99 direct | p99 gateway "
                + "| added p99 | req/s gateway | gateway req per CPU-second, all | errors direct / gateway |");
        line("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        for (AdmissionSummary s : cells) {
            for (int i = 0; i < s.setups().size(); i++) {
                CellSummary setup = s.setups().get(i);
                line(String.join(
                        " | ",
                        "| " + s.cell().loadLabel(),
                        response(s.cell()),
                        AdmissionSummary.SETUPS.get(i),
                        format("%.2f", setup.p50().direct()),
                        format("%.2f", setup.p50().gateway()),
                        added(setup.p50()),
                        format("%.2f", setup.p99().direct()),
                        format("%.2f", setup.p99().gateway()),
                        added(setup.p99()),
                        format("%.0f", setup.throughput().gateway()),
                        format("%.0f", setup.gatewayRequestsPerCpuSecond()),
                        setup.directErrorCount() + " / " + setup.gatewayErrorCount() + " |"));
            }
        }
        line("");
        line("All figures in ms except where named; the upstream answers after 50 ms.");
    }

    private static String response(Cell cell) {
        return cell.stream() ? "stream" : "JSON";
    }

    private static String added(Paired figure) {
        return format("%+.3f [%+.3f – %+.3f]", figure.added(), figure.addedLow(), figure.addedHigh());
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
