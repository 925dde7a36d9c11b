package dev.freeway.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GitHub workflows, read as files (no network): every action pinned to a version that cannot
 * move, every job bounded in time, read-only default permissions, and CI running exactly the test
 * command the README gives.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WorkflowsTest {
    /**
     * {@code owner/repo[/path]@vX.Y.Z} or {@code @<commit sha>}: a major tag ({@code @v4}) or a
     * branch moves under us. Local actions ({@code ./...}) come with the commit itself.
     */
    private static final Pattern PINNED =
            Pattern.compile("[\\w.-]+/[\\w.-]+(/[\\w./-]+)?@(v\\d+\\.\\d+\\.\\d+|[0-9a-f]{40})|\\./[\\w./-]+");

    private static final String TEST_STEP = "Run the tests";

    static List<Workflow> workflows() {
        return Workflow.all();
    }

    @Test
    void there_are_workflows_to_check() {
        assertThat(workflows()).extracting(Workflow::name).contains("ci.yml", "docker-it.yml", "image.yml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workflows")
    void every_action_is_pinned_to_an_exact_version_or_commit(Workflow workflow) {
        assertThat(workflow.uses())
                .as(workflow.name())
                .isNotEmpty()
                .allSatisfy(uses -> assertThat(uses)
                        .as("%s: uses: %s", workflow.name(), uses)
                        .matches(PINNED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workflows")
    void every_job_has_a_timeout(Workflow workflow) {
        assertThat(workflow.jobs()).isNotEmpty();
        workflow.jobs()
                .forEach((name, job) -> assertThat(job.path("timeout-minutes").asInt())
                        .as("%s: jobs.%s.timeout-minutes", workflow.name(), name)
                        .isPositive());
    }

    /** Write access, where a job needs it, is granted on that job only. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("workflows")
    void the_workflow_declares_read_only_default_permissions(Workflow workflow) {
        JsonNode permissions = workflow.root().path("permissions");
        assertThat(permissions.isObject())
                .as("%s: a permissions block", workflow.name())
                .isTrue();
        permissions
                .fields()
                .forEachRemaining(scope -> assertThat(scope.getValue().asText())
                        .as("%s: permissions.%s", workflow.name(), scope.getKey())
                        .isIn("read", "none"));
    }

    @Test
    void ci_runs_exactly_the_test_command_of_the_readme_and_of_ci_run() throws IOException {
        String readme = readmeTestCommand();

        assertThat(readme).startsWith("./mvnw ");
        assertThat(Workflow.named("ci.yml").run("verify", TEST_STEP))
                .as("ci.yml: jobs.verify step '%s'", TEST_STEP)
                .contains(readme);
        assertThat(ciRunCommands()).as(".ci/run").containsExactly(readme);
    }

    @Test
    void the_docker_workflow_builds_the_images_the_container_tests_start_and_runs_only_docker_tests() {
        Workflow dockerIt = Workflow.named("docker-it.yml");

        assertThat(dockerIt.run("docker-tests", "Build the images the tests start"))
                .hasValueSatisfying(script -> assertThat(script)
                        .contains("-t " + ImageClusterContainerTest.GATEWAY_IMAGE + " ")
                        .contains("-t " + ImageClusterContainerTest.SIMULATOR_IMAGE + " "));
        assertThat(dockerIt.run("docker-tests", "Run the Docker tests")).contains("./mvnw -B -Pdocker-tests verify");
    }

    /** The fenced block after "Run the tests" in README.md. */
    private static String readmeTestCommand() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int heading = readme.indexOf("\n" + TEST_STEP);
        assertThat(heading)
                .as("README.md: a paragraph starting '%s'", TEST_STEP)
                .isNotNegative();
        int start = readme.indexOf("```bash\n", heading) + "```bash\n".length();
        return readme.substring(start, readme.indexOf("\n```", start)).strip();
    }

    /** The Maven invocations of the CI entry script. */
    private static List<String> ciRunCommands() throws IOException {
        return Files.readAllLines(Path.of("../.ci/run")).stream()
                .map(String::strip)
                .filter(line -> line.startsWith("./mvnw"))
                .toList();
    }
}
