package dev.freeway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** One fixture in config/invalid/ per semantic rule of ConfigValidator, each with its exact message. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConfigValidationTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of("CLIENT_KEY", "sk-test-client-key-0001"), List::of);

    @Test
    void checks_teams_and_that_every_client_key_names_one() {
        assertThat(problemsOf("undefined-team.yaml"))
                .containsExactlyInAnyOrder(
                        "teams.alpha.weight: must be at least 1",
                        "teams.alpha.limits: limits cannot be negative (0 means none)",
                        "teams.alpha.models: a non-empty list of model globs",
                        "auth.client_keys[1].team: 'gamma' is not defined under teams");
    }

    @Test
    void rejects_a_model_whose_provider_is_not_defined() {
        assertThat(problemsOf("undefined-provider.yaml"))
                .containsExactly("models[0].provider: 'grok' is not defined under providers");
    }

    @Test
    void rejects_the_same_model_twice_for_one_provider() {
        assertThat(problemsOf("duplicate-model.yaml"))
                .containsExactly("models[1]: duplicate model llama-3.3-70b for provider groq");
    }

    @Test
    void rejects_a_base_url_that_is_not_http_or_https() {
        assertThat(problemsOf("bad-base-url-scheme.yaml"))
                .containsExactly("providers.groq.base_url: must be an http(s) URL with a host");
    }

    @Test
    void rejects_a_base_url_carrying_a_query() {
        assertThat(problemsOf("base-url-with-query.yaml"))
                .containsExactly("providers.groq.base_url: must not carry a query or fragment");
    }

    @Test
    void requires_a_base_url_for_every_provider() {
        assertThat(problemsOf("missing-base-url.yaml")).containsExactly("providers.groq.base_url: is required");
    }

    @Test
    void rejects_a_hash_that_is_not_lowercase_sha256_hex() {
        assertThat(problemsOf("bad-hash-format.yaml"))
                .containsExactly("auth.client_keys[0].hash: must be sha256:<64 lowercase hex digits>");
    }

    @Test
    void rejects_a_client_key_entry_with_both_key_and_hash() {
        assertThat(problemsOf("key-and-hash.yaml"))
                .containsExactly("auth.client_keys[0]: set exactly one of key or hash");
    }

    @Test
    void rejects_a_client_key_entry_with_neither_key_nor_hash() {
        assertThat(problemsOf("neither-key-nor-hash.yaml"))
                .containsExactly("auth.client_keys[0]: set exactly one of key or hash");
    }

    @Test
    void rejects_a_client_key_shorter_than_16_characters() {
        assertThat(problemsOf("short-key.yaml"))
                .containsExactly("auth.client_keys[0].key: must be at least 16 characters");
    }

    @Test
    void requires_a_team_for_every_client_key() {
        assertThat(problemsOf("missing-team.yaml")).containsExactly("auth.client_keys[0].team: is required");
    }

    @Test
    void rejects_an_unknown_wire_format() {
        assertThat(problemsOf("unknown-format.yaml"))
                .containsExactly(
                        "providers.claude.format: unknown format 'grpc' (known: [anthropic, cohere, gemini, openai])");
    }

    @Test
    void reserves_auto_and_auto_prefixed_model_ids_for_routing() {
        assertThat(problemsOf("reserved-model-id.yaml"))
                .containsExactly(
                        "models[0].id: 'auto' is reserved for routing",
                        "models[1].id: 'auto:cheap' is reserved for routing");
    }

    @Test
    void rejects_max_attempts_of_zero() {
        assertThat(problemsOf("max-attempts-zero.yaml")).containsExactly("routing.max_attempts: must be at least 1");
    }

    @Test
    void rejects_negative_limits() {
        assertThat(problemsOf("negative-limits.yaml"))
                .containsExactly("models[0].limits: limits cannot be negative (0 means none)");
    }

    @Test
    void rejects_provider_ids_with_uppercase_letters() {
        assertThat(problemsOf("uppercase-provider-id.yaml"))
                .containsExactly("providers.Groq: provider ids are lowercase letters, digits, '-' and '_'");
    }

    @Test
    void refuses_credentials_in_static_headers() {
        assertThat(problemsOf("authorization-header.yaml"))
                .containsExactly("providers.groq.headers.Authorization: not allowed (credentials go in keys)");
    }

    @Test
    void rejects_two_ways_of_joining_a_cluster() {
        assertThat(problemsOf("cluster-members-and-kubernetes.yaml"))
                .containsExactly("cluster.kubernetes: set either members or kubernetes, not both");
    }

    @Test
    void rejects_a_member_without_a_port() {
        assertThat(problemsOf("cluster-bad-member.yaml")).containsExactly("cluster.members[1]: must be host:port");
    }

    @Test
    void rejects_a_split_brain_minimum_larger_than_the_cluster() {
        assertThat(problemsOf("cluster-min-size-above-members.yaml"))
                .containsExactly("cluster.min_size: cannot exceed the number of members (3)");
    }

    @Test
    void reports_every_problem_of_a_file_at_once() {
        ConfigException failure = failureOf("several-problems.yaml");

        assertThat(failure.problems())
                .containsExactly(
                        "server.port: must be between 0 and 65535",
                        "server.body_limit_bytes: must be at least 1024",
                        "routing.max_attempts: must be at least 1",
                        "routing.total_timeout_ms: must be positive");
        assertThat(failure.getMessage()).isEqualTo(String.join("\n", failure.problems()));
    }

    private List<String> problemsOf(String name) {
        return failureOf(name).problems();
    }

    private ConfigException failureOf(String name) {
        Path file = fixture("config/invalid/" + name);
        ConfigException failure = catchThrowableOfType(ConfigException.class, () -> loader.load(file));
        assertThat(failure)
                .as("loading %s should fail with a ConfigException", name)
                .isNotNull();
        return failure;
    }

    private static Path fixture(String resource) {
        URL url = ConfigValidationTest.class.getClassLoader().getResource(resource);
        assertThat(url).as("test resource %s", resource).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
