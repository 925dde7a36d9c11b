package dev.freeway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.freeway.gateway.catalog.ModelCatalog;
import dev.freeway.gateway.catalog.ModelState;
import dev.freeway.gateway.catalog.entry.CatalogLoader;
import dev.freeway.gateway.catalog.entry.ModelEntry;
import dev.freeway.gateway.catalog.entry.PlatformEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The operator's config laid over the catalog before binding: what comes from where, and what wins. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CatalogOverlayTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A catalog platform as its YAML file has it, documentation fields included. */
    private static final String ACME = """
            id: acme
            name: Acme AI
            format: openai
            base_url: "https://api.acme.test/v1"
            source: "https://acme.test/pricing"
            checked: "2026-01-01"
            terms: { free_tier: recurring, shared_use: allowed, source: "https://acme.test/terms" }
            request: { drop_params: [logit_bias, logprobs], default_max_tokens: 2048 }
            models:
              - id: acme-large
                score: 80
                context_window: 131072
                max_output_tokens: 8192
                capabilities: { tools: true, json: true, vision: false, streaming: true }
                limits: { rpm: 30, rpd: 1000, tpm: 6000 }
                source: "https://acme.test/models/large"
                checked: "2026-01-02"
              - id: acme-small
                score: 40
                limits: { rpm: 60 }
            """;

    private static ObjectNode tree(String yaml) {
        try {
            return (ObjectNode) YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GatewayConfig load(String operator) {
        List<ObjectNode> catalog = List.of(tree(ACME));
        try {
            return new ConfigLoader(Map.of(), () -> catalog)
                    .load(new ByteArrayInputStream(operator.getBytes(StandardCharsets.UTF_8)), "operator.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConfigException failure(String operator) {
        return catchThrowableOfType(ConfigException.class, () -> load(operator));
    }

    private static ModelConfig model(GatewayConfig config, String provider, String id) {
        return config.models().stream()
                .filter(m -> m.provider().equals(provider) && m.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no model " + provider + "/" + id));
    }

    @Test
    void a_catalog_platform_becomes_a_provider_with_its_models() {
        GatewayConfig config = load("{}");

        ProviderConfig acme = config.providers().get("acme");
        assertThat(acme.name()).isEqualTo("Acme AI");
        assertThat(acme.baseUrl()).isEqualTo("https://api.acme.test/v1");
        assertThat(acme.request().dropParams()).containsExactly("logit_bias", "logprobs");
        assertThat(acme.keys()).isEmpty();
        assertThat(config.models())
                .extracting(ModelConfig::provider, ModelConfig::id)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("acme", "acme-large"),
                        org.assertj.core.groups.Tuple.tuple("acme", "acme-small"));
        ModelConfig large = model(config, "acme", "acme-large");
        assertThat(large.score()).isEqualTo(80);
        assertThat(large.maxOutputTokens()).isEqualTo(8192);
        assertThat(large.limits()).isEqualTo(new LimitsConfig(30L, 1000L, 6000L, null));
    }

    @Test
    void a_catalog_platform_without_operator_keys_does_not_serve() {
        GatewayConfig config = load("{}");

        assertThat(new ModelCatalog(config).states())
                .extracting(ModelState::reason)
                .containsOnly("no key configured");
    }

    @Test
    void the_operators_keys_enable_a_catalog_platform_and_keep_its_other_fields() {
        GatewayConfig config = load("""
                providers:
                  acme: { keys: ["acme-key-1", "acme-key-2"] }
                """);

        ProviderConfig acme = config.providers().get("acme");
        assertThat(acme.keys()).extracting(KeyConfig::value).containsExactly("acme-key-1", "acme-key-2");
        assertThat(acme.baseUrl()).isEqualTo("https://api.acme.test/v1");
        assertThat(new ModelCatalog(config).states()).allSatisfy(state -> {
            assertThat(state.enabled()).isTrue();
            assertThat(state.keys()).isEqualTo(2);
        });
    }

    @Test
    void an_operator_model_entry_overrides_the_catalog_model_of_that_provider_and_id_field_by_field() {
        GatewayConfig config = load("""
                models:
                  - { id: acme-large, provider: acme, score: 99, limits: { rpd: 50 } }
                """);

        assertThat(config.models()).filteredOn(m -> m.id().equals("acme-large")).hasSize(1);
        ModelConfig large = model(config, "acme", "acme-large");
        assertThat(large.score()).as("overridden").isEqualTo(99);
        assertThat(large.limits())
                .as("nested objects merge: only rpd changes")
                .isEqualTo(new LimitsConfig(30L, 50L, 6000L, null));
        assertThat(large.contextWindow()).as("kept from the catalog").isEqualTo(131072);
        assertThat(large.maxOutputTokens()).as("kept from the catalog").isEqualTo(8192);
    }

    @Test
    void an_operator_provider_entry_merges_nested_objects_but_replaces_lists() {
        GatewayConfig config = load("""
                providers:
                  acme: { request: { drop_params: [seed] } }
                """);

        ProviderConfig acme = config.providers().get("acme");
        assertThat(acme.request().dropParams()).as("a list is replaced").containsExactly("seed");
        assertThat(acme.request().defaultMaxTokens())
                .as("a sibling in the nested object is kept")
                .isEqualTo(2048);
        assertThat(acme.name()).isEqualTo("Acme AI");
    }

    @Test
    void an_operator_model_entry_of_another_provider_with_a_catalog_id_does_not_touch_the_catalog_model() {
        GatewayConfig config = load("""
                providers:
                  mine: { base_url: "https://mine.test/v1" }
                models:
                  - { id: acme-large, provider: mine, score: 5 }
                """);

        assertThat(model(config, "acme", "acme-large").score()).isEqualTo(80);
        assertThat(model(config, "mine", "acme-large").score()).isEqualTo(5);
    }

    @Test
    void operator_only_providers_and_models_are_added_to_the_catalog_ones() {
        GatewayConfig config = load("""
                providers:
                  mine: { base_url: "https://vllm.internal.test/v1", keys: ["vllm-key"] }
                models:
                  - { id: custom, provider: mine, score: 70 }
                  - { id: acme-extra, provider: acme, score: 10 }
                """);

        assertThat(config.providers()).containsOnlyKeys("acme", "mine");
        assertThat(config.providers().get("mine").baseUrl()).isEqualTo("https://vllm.internal.test/v1");
        assertThat(config.models())
                .extracting(m -> m.provider() + "/" + m.id())
                .containsExactly("acme/acme-large", "acme/acme-small", "mine/custom", "acme/acme-extra");
        assertThat(model(config, "acme", "acme-extra").score()).isEqualTo(10);
    }

    @Test
    void two_operator_entries_for_the_same_new_model_stay_two_and_the_validator_reports_the_duplicate() {
        ConfigException failure = failure("""
                providers:
                  mine: { base_url: "https://vllm.internal.test/v1" }
                models:
                  - { id: custom, provider: mine, score: 70 }
                  - { id: custom, provider: mine, score: 20 }
                """);

        assertThat(failure).isNotNull();
        assertThat(failure.problems()).containsExactly("models[3]: duplicate model custom for provider mine");
    }

    @Test
    void two_operator_entries_for_the_same_catalog_model_stay_two_and_the_validator_reports_the_duplicate() {
        ConfigException failure = failure("""
                models:
                  - { id: acme-large, provider: acme, score: 70 }
                  - { id: acme-large, provider: acme, score: 20 }
                """);

        assertThat(failure).as("the second entry silently wins instead").isNotNull();
        assertThat(failure.problems()).containsExactly("models[2]: duplicate model acme-large for provider acme");
    }

    @Test
    void catalog_enabled_false_skips_the_catalog() {
        GatewayConfig config = load("""
                catalog: { enabled: false }
                providers:
                  mine: { base_url: "https://vllm.internal.test/v1", keys: ["vllm-key"] }
                models:
                  - { id: custom, provider: mine }
                """);

        assertThat(config.catalog().enabled()).isFalse();
        assertThat(config.providers()).containsOnlyKeys("mine");
        assertThat(config.models()).extracting(ModelConfig::id).containsExactly("custom");
    }

    @Test
    void documentation_fields_of_the_catalog_do_not_reach_binding() {
        ObjectNode config = tree("{}");

        CatalogOverlay.apply(config, List.of(tree(ACME)));

        ObjectNode acme = (ObjectNode) config.path("providers").path("acme");
        assertThat(acme.has("id")).isFalse();
        assertThat(acme.has("source")).isFalse();
        assertThat(acme.has("checked")).isFalse();
        assertThat(acme.has("models")).as("models move to the top-level list").isFalse();
        assertThat(acme.path("terms").path("source").asText())
                .as("terms keep their own source, which TermsEntry binds")
                .isEqualTo("https://acme.test/terms");
        ObjectNode large = (ObjectNode) config.path("models").path(0);
        assertThat(large.has("source")).isFalse();
        assertThat(large.has("checked")).isFalse();
        assertThat(large.path("id").asText()).as("a model keeps its id").isEqualTo("acme-large");
        assertThat(large.path("provider").asText()).isEqualTo("acme");
    }

    @Test
    void the_catalog_trees_are_left_as_they_were() {
        ObjectNode platform = tree(ACME);
        ObjectNode before = platform.deepCopy();

        CatalogOverlay.apply(
                tree("models: [{ id: acme-large, provider: acme, limits: { rpd: 1 } }]"), List.of(platform));

        assertThat(platform).isEqualTo(before);
    }

    @Test
    void the_shipped_catalog_loads_with_the_shipped_laptop_config_and_nothing_serves_without_keys() {
        List<PlatformEntry> catalog = new CatalogLoader().load();
        GatewayConfig config = new ConfigLoader(Map.of()).loadDefault();

        assertThat(config.providers().keySet())
                .containsAll(catalog.stream().map(PlatformEntry::id).toList())
                .contains("simulator");
        int catalogModels = catalog.stream().mapToInt(p -> p.models().size()).sum();
        assertThat(config.models()).as("every catalog model plus sim-model").hasSize(catalogModels + 1);
        assertThat(new ModelCatalog(config).states()).noneMatch(ModelState::enabled);
        assertThat(new ModelCatalog(config).resolve(ModelCatalog.AUTO))
                .hasValueSatisfying(all -> assertThat(all).isEmpty());
    }

    @Test
    void giving_gemini_api_key_switches_on_googles_active_models() {
        PlatformEntry google = new CatalogLoader()
                .load().stream()
                        .filter(p -> p.id().equals("google"))
                        .findFirst()
                        .orElseThrow();
        List<String> active = google.models().stream()
                .filter(m -> m.status() == null || m.status().equals("active"))
                .map(ModelEntry::id)
                .toList();
        assertThat(active).isNotEmpty();

        GatewayConfig config = new ConfigLoader(Map.of("GEMINI_API_KEY", "AIza-test-key")).loadDefault();
        List<ModelState> states = new ModelCatalog(config).states();

        assertThat(states)
                .filteredOn(s -> s.model().provider().equals("google") && s.enabled())
                .extracting(s -> s.model().id())
                .containsExactlyInAnyOrderElementsOf(active);
        assertThat(states)
                .filteredOn(s -> !s.model().provider().equals("google"))
                .noneMatch(ModelState::enabled);
        assertThat(new ModelCatalog(config).resolve("google/" + active.get(0)))
                .hasValueSatisfying(candidates -> assertThat(candidates).singleElement());
    }
}
