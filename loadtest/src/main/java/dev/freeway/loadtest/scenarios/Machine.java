package dev.freeway.loadtest.scenarios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** What the numbers were measured on, for the report. */
record Machine(String cpu, int cores, String memory, String java, String loadBefore) {

    static Machine describe(Path java) throws IOException, InterruptedException {
        return new Machine(
                procLine("/proc/cpuinfo", "model name"),
                Runtime.getRuntime().availableProcessors(),
                procLine("/proc/meminfo", "MemTotal"),
                javaVersion(java),
                loadAverage());
    }

    /** The 1, 5 and 15 minute load averages: how busy the shared box was around the run. */
    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String procLine(String file, String key) throws IOException {
        return Files.readAllLines(Path.of(file)).stream()
                .filter(line -> line.startsWith(key))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("unknown");
    }

    private static String javaVersion(Path java) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(java.toString(), "-version")
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out.lines().map(String::trim).collect(Collectors.joining("; "));
    }
}
