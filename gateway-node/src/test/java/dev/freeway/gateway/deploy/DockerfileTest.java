package dev.freeway.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The images' Dockerfiles, read as text where no Docker daemon can build them: a pinned base,
 * a numeric non-root user, an exec-form entrypoint with container-aware JVM flags, the jar where
 * the manifests expect it, and every COPY source let through by {@code .dockerignore} (a source
 * it excludes only fails in CI's docker build).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DockerfileTest {
    private static final Path ROOT = Path.of("..");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gateway-node/Dockerfile, /app/gateway-node.jar", "loadtest/Dockerfile, /app/loadtest.jar"})
    void runs_the_jar_as_a_non_root_user_on_a_pinned_jre_with_container_aware_flags(String dockerfile, String jar)
            throws IOException {
        List<String> instructions = instructions(ROOT.resolve(dockerfile));

        assertThat(arguments(instructions, "FROM"))
                .singleElement()
                .asString()
                .as("an exact JDK update, never latest or a bare major version")
                .matches("eclipse-temurin:17\\.0\\.\\d+_\\d+-jre-\\w+");
        assertThat(arguments(instructions, "WORKDIR")).containsExactly("/app");
        assertThat(arguments(instructions, "USER")).singleElement().asString().matches("[1-9]\\d{3,}:[1-9]\\d{3,}");
        List<String> entrypoint = execForm(arguments(instructions, "ENTRYPOINT"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint)
                .contains("-XX:+ExitOnOutOfMemoryError")
                .anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage="));
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).containsExactly("-jar", jar);
        execForm(arguments(instructions, "CMD"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gateway-node/Dockerfile", "loadtest/Dockerfile"})
    void dockerignore_sends_every_copy_source_to_the_build(String dockerfile) throws IOException {
        DockerIgnore ignore = DockerIgnore.read(ROOT.resolve(".dockerignore"));

        for (String copy : arguments(instructions(ROOT.resolve(dockerfile)), "COPY")) {
            String source = copy.split("\\s+")[0];
            assertThat(ignore.sends(source))
                    .as("%s: COPY %s", dockerfile, source)
                    .isTrue();
        }
        assertThat(ignore.sends("cluster-config/target/classes/catalog/index.yaml"))
                .isFalse();
        assertThat(ignore.sends(".git/config")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gateway-node/Dockerfile"})
    void the_gateway_image_carries_cluster_config_and_reads_its_config_from_etc_freeway(String dockerfile)
            throws IOException {
        List<String> instructions = instructions(ROOT.resolve(dockerfile));

        assertThat(arguments(instructions, "COPY")).contains("cluster-config/ /app/cluster-config/");
        assertThat(execForm(arguments(instructions, "CMD"))).containsExactly("--config", "/etc/freeway/freeway.yaml");
    }

    /** One string per instruction, continuation lines joined, comments dropped. */
    private static List<String> instructions(Path dockerfile) throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile)) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || stripped.isEmpty() && current.isEmpty()) {
                continue;
            }
            boolean continues = stripped.endsWith("\\");
            current.append(continues ? stripped.substring(0, stripped.length() - 1) : stripped)
                    .append(' ');
            if (!continues) {
                instructions.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return instructions;
    }

    private static List<String> arguments(List<String> instructions, String keyword) {
        return instructions.stream()
                .filter(instruction -> instruction.startsWith(keyword + " "))
                .map(instruction -> instruction.substring(keyword.length()).strip())
                .toList();
    }

    /** The exec (JSON array) form, which runs java as PID 1 so it receives SIGTERM itself. */
    private static List<String> execForm(List<String> arguments) throws IOException {
        assertThat(arguments).hasSize(1);
        return List.of(new ObjectMapper().readValue(arguments.get(0), String[].class));
    }
}
