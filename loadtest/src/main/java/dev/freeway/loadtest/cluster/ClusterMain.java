package dev.freeway.loadtest.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar loadtest.jar cluster}: reliability scenarios against three gateway JVMs on 127.0.0.1-3
 * and a simulator JVM, whose counters give every limit figure. Appends each run to docs/cluster-scenarios.md.
 */
public final class ClusterMain {
    private static final String SELF = "java -jar loadtest/target/loadtest.jar cluster";
    /** A binding limit for the T3 variant: 500 req/s spends it 12 s into each window. */
    private static final int T3_BINDING_RPM = 6_000;
    /** Never reached by 60 s of 500 req/s, whatever the windows' alignment. */
    private static final int T3_OPEN_RPM = 60_000;

    private ClusterMain() {}

    public static void main(String[] args) throws Exception {
        ClusterOptions options;
        try {
            options = ClusterOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ClusterOptions.USAGE);
            System.exit(2);
            return;
        }
        Environment env =
                new Environment(Path.of(System.getProperty("java.home"), "bin", "java"), options.gatewayJar());
        String loadBefore = loadAverage();
        List<ScenarioReport> reports = new ArrayList<>();
        for (String name : options.scenarios()) {
            for (Scenario scenario : scenarios(name, options)) {
                System.out.println("running " + name + " ...");
                ScenarioReport report = runOrReport(name, scenario, env);
                System.out.println(report.text());
                reports.add(report);
            }
        }
        append(options.out(), String.join(" ", args), loadBefore, reports);
        System.exit(reports.stream().allMatch(ScenarioReport::passed) ? 0 : 1);
    }

    /** A scenario that breaks off still gets a section, so an "all" run reports the others too. */
    private static ScenarioReport runOrReport(String name, Scenario scenario, Environment env) {
        try {
            return scenario.run(env);
        } catch (Exception e) {
            e.printStackTrace();
            return new ScenarioReport(name + ": did not complete")
                    .row("scenario completed", "yes", "no: " + e.getMessage(), false);
        }
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static List<Scenario> scenarios(String name, ClusterOptions options) {
        return switch (name) {
            case "T1" -> List.of(new T1SharedLimit(options.rpm(), options.duration()));
            case "T3" ->
                List.of(
                        new T3KillNode(T3_OPEN_RPM, "limit not binding"),
                        new T3KillNode(T3_BINDING_RPM, "limit binding"));
            case "T5" -> List.of(new T5GracefulStop());
            case "T6" -> List.of(new T6RollingRestart());
            case "T7" -> List.of(new T7Partition());
            case "T10" -> List.of(new T10StoppedNode());
            case "T21" -> List.of(new T21OutsideUse());
            default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
    }

    private static void append(Path out, String args, String loadBefore, List<ScenarioReport> reports)
            throws IOException {
        StringBuilder section = new StringBuilder();
        if (!Files.exists(out)) {
            section.append("# Cluster scenarios\n\n")
                    .append("Runs of `loadtest.jar cluster`: the [lo] rows of the test matrix in")
                    .append(" reliability.md section 6, three gateway JVMs on 127.0.0.1-3 and one simulator JVM.")
                    .append(" Every limit figure is counted by the simulator (what the provider saw).\n\n");
        }
        section.append("## ")
                .append(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append("\n\n")
                .append("`")
                .append(SELF)
                .append(args.isEmpty() ? "" : " " + args)
                .append("`, ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ")
                .append(System.getProperty("java.version"))
                .append(", load average (1/5/15 min) ")
                .append(loadBefore)
                .append(" before and ")
                .append(loadAverage())
                .append(" after: the box is shared, and every process here competes for it.\n\n");
        reports.forEach(report -> section.append(report.markdown()));
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(
                out, section.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("appended to " + out.toAbsolutePath());
    }
}
