package dev.freeway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures before validation: reading, YAML syntax, the top-level shape and binding to records. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConfigLoaderSyntaxTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of(), List::of);

    @Test
    void rejects_an_unknown_key_naming_its_path() {
        assertThat(failureOf(fixture("unknown-key.yaml")).problems())
                .containsExactly("providers.groq.base_urll: unknown key");
    }

    @Test
    void rejects_an_unknown_top_level_key() {
        assertThat(failureOf(fixture("unknown-top-level-key.yaml")).problems()).containsExactly("sever: unknown key");
    }

    @Test
    void rejects_a_value_of_the_wrong_type_naming_its_path() {
        assertThat(failureOf(fixture("type-mismatch.yaml")).problems())
                .singleElement()
                .asString()
                .startsWith("server.port: ")
                .contains("eighty")
                .doesNotContain(" at [");
    }

    @Test
    void rejects_a_file_whose_top_level_is_not_a_mapping() {
        Path file = fixture("not-a-mapping.yaml");

        assertThat(failureOf(file).problems()).containsExactly(file + ": expected a YAML mapping at the top level");
    }

    @Test
    void rejects_an_empty_file_as_not_a_mapping(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("empty.yaml"), "");

        assertThat(failureOf(file).problems()).containsExactly(file + ": expected a YAML mapping at the top level");
    }

    @Test
    void rejects_invalid_yaml_naming_the_file() {
        Path file = fixture("invalid-yaml.yaml");

        assertThat(failureOf(file).problems()).singleElement().asString().startsWith(file + ": not valid YAML: ");
    }

    @Test
    void reports_a_missing_file_without_a_stack_of_causes(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");

        assertThat(failureOf(file).problems()).containsExactly(file + ": cannot read (NoSuchFileException)");
    }

    private ConfigException failureOf(Path file) {
        ConfigException failure = catchThrowableOfType(ConfigException.class, () -> loader.load(file));
        assertThat(failure)
                .as("loading %s should fail with a ConfigException", file)
                .isNotNull();
        return failure;
    }

    private static Path fixture(String name) {
        URL url = ConfigLoaderSyntaxTest.class.getClassLoader().getResource("config/invalid/" + name);
        assertThat(url).as("test resource %s", name).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
