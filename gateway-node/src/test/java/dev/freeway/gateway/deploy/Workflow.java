package dev.freeway.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** One GitHub Actions workflow file, parsed, with the few views the workflow tests need. */
record Workflow(Path file, JsonNode root) {
    static final Path DIRECTORY = Path.of("../.github/workflows");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<Workflow> all() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(file ->
                            file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
                    .sorted()
                    .map(Workflow::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Workflow named(String fileName) {
        return read(DIRECTORY.resolve(fileName));
    }

    private static Workflow read(Path file) {
        try {
            return new Workflow(file, YAML.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not valid YAML", e);
        }
    }

    Map<String, JsonNode> jobs() {
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        root.path("jobs").fields().forEachRemaining(job -> jobs.put(job.getKey(), job.getValue()));
        return jobs;
    }

    /** Every {@code uses:} reference: of steps, and of jobs that call a reusable workflow. */
    List<String> uses() {
        List<String> uses = new ArrayList<>();
        for (JsonNode job : jobs().values()) {
            if (job.has("uses")) {
                uses.add(job.get("uses").asText());
            }
            job.path("steps").forEach(step -> {
                if (step.has("uses")) {
                    uses.add(step.get("uses").asText());
                }
            });
        }
        return uses;
    }

    /** The {@code run:} script of the step with this name in this job. */
    Optional<String> run(String job, String stepName) {
        for (JsonNode step : root.path("jobs").path(job).path("steps")) {
            if (stepName.equals(step.path("name").asText())) {
                return Optional.ofNullable(step.get("run"))
                        .map(run -> run.asText().strip());
            }
        }
        return Optional.empty();
    }

    String name() {
        return file.getFileName().toString();
    }

    @Override
    public String toString() {
        return name();
    }
}
