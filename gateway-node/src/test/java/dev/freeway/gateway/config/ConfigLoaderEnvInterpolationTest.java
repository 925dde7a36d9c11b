package dev.freeway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConfigLoaderEnvInterpolationTest {
    private static final String TRICKY_SECRET = "gsk-$1\\x: [not, yaml}";

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("CLIENT_KEY", "sk-test-client-key-0001");
        env.put("PORT", "9090");
        env.put("EMPTY", "");
        env.put("EMPTY_PORT", "");
        env.put("TEAM", "alpha");
        env.put("GROQ_KEY", TRICKY_SECRET);
        return env;
    }

    private final GatewayConfig config =
            new ConfigLoader(env(), List::of).load(fixture("config/valid/env-interpolation.yaml"));

    @Test
    void uses_the_default_of_an_unset_variable() {
        assertThat(config.server().host()).isEqualTo("10.0.0.1");
        assertThat(config.providers().get("groq").baseUrl()).isEqualTo("https://api.groq.com/openai/v1");
    }

    @Test
    void uses_the_default_of_a_variable_set_to_the_empty_string() {
        assertThat(config.cluster().port()).isEqualTo(5702);
    }

    @Test
    void substitutes_an_empty_variable_without_a_default_as_the_empty_string() {
        assertThat(config.cluster().name()).isEqualTo("left--right");
    }

    @Test
    void binds_an_interpolated_string_to_a_number() {
        assertThat(config.server().port()).isEqualTo(9090);
    }

    @Test
    void inserts_values_literally_even_with_dollars_backslashes_and_yaml_syntax() {
        assertThat(config.providers().get("groq").keys())
                .extracting(KeyConfig::value)
                .containsExactly(TRICKY_SECRET);
    }

    @Test
    void treats_an_empty_hash_from_an_empty_default_as_absent() {
        ClientKeyConfig key = config.auth().clientKeys().get(0);

        assertThat(key.key()).isEqualTo("sk-test-client-key-0001");
        assertThat(key.hash()).isEmpty();
        assertThat(key.team()).isEqualTo("alpha");
    }

    @Test
    void names_the_key_and_the_variable_when_a_variable_is_unset() {
        ConfigException failure = failureOf("unset-variable.yaml", Map.of());

        assertThat(failure.problems())
                .containsExactly("auth.client_keys[0].key: environment variable FREEWAY_TEST_UNSET is not set");
    }

    @Test
    void reports_every_unset_variable_at_once() {
        ConfigException failure = failureOf("two-unset-variables.yaml", Map.of("CLIENT_KEY", "k"));

        assertThat(failure.problems())
                .containsExactly(
                        "server.host: environment variable UNSET_HOST is not set",
                        "providers.groq.keys[1]: environment variable UNSET_GROQ_KEY is not set");
    }

    private static ConfigException failureOf(String name, Map<String, String> env) {
        Path file = fixture("config/invalid/" + name);
        ConfigException failure =
                catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(env, List::of).load(file));
        assertThat(failure)
                .as("loading %s should fail with a ConfigException", name)
                .isNotNull();
        return failure;
    }

    private static Path fixture(String resource) {
        URL url = ConfigLoaderEnvInterpolationTest.class.getClassLoader().getResource(resource);
        assertThat(url).as("test resource %s", resource).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
