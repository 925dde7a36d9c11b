package dev.freeway.gateway.catalog.entry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.freeway.gateway.config.LimitsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The shipped catalog ({@code cluster-config/catalog}) is data that nothing else checks: every
 * platform the issue lists must be there, and every entry must be complete and consistent. Each
 * message names the platform (and model) so a failure points at the YAML line to fix.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CatalogDataTest {
    private static final List<String> REQUIRED_PLATFORMS = List.of(
            // The 15 platforms of the original proxy.
            "google",
            "groq",
            "cerebras",
            "openrouter",
            "github-models",
            "sambanova",
            "mistral",
            "cohere",
            "cloudflare",
            "zhipu",
            "nvidia",
            "ollama-cloud",
            "pollinations",
            "llm7",
            "kilo",
            // The paid platforms added by the issue.
            "moonshot",
            "minimax",
            "deepseek",
            "qwen",
            "anthropic",
            "openai",
            "together",
            "huggingface");
    private static final int MIN_MODELS = 90;

    private static final Set<String> FORMATS = Set.of("openai", "gemini", "anthropic", "cohere");
    private static final Set<String> STATUSES = Set.of("active", "retired", "unverified");
    private static final Set<String> LIMIT_SCOPES = Set.of("key_model", "project_model");
    private static final Set<String> SHARED_SCOPES = Set.of("key", "project");
    private static final Set<String> FREE_TIERS = Set.of("recurring", "trial_credit", "none");
    private static final Set<String> SHARED_USE = Set.of("allowed", "forbidden", "unclear");
    private static final Set<String> PRODUCTION = Set.of("allowed", "evaluation_only", "unclear");
    private static final Set<String> TRAINS_ON_PROMPTS = Set.of("yes", "no", "opt_out", "unknown");
    private static final List<String> LIMIT_FIELDS = List.of("rpm", "rpd", "tpm", "tpd");

    private static final List<PlatformEntry> CATALOG = new CatalogLoader().load();
    private static final ObjectMapper RAW_YAML = new ObjectMapper(new YAMLFactory());
    /** The YAML trees as written, to tell an absent field from one set to 0. */
    private static final Map<String, JsonNode> RAW = CATALOG.stream()
            .collect(Collectors.toMap(PlatformEntry::id, p -> readRaw(p.id()), (a, b) -> a, LinkedHashMap::new));

    @Test
    void every_platform_the_issue_lists_is_in_the_catalog() {
        assertThat(CATALOG).extracting(PlatformEntry::id).containsAll(REQUIRED_PLATFORMS);
    }

    @Test
    void the_catalog_holds_at_least_ninety_models() {
        Map<String, Integer> perPlatform = CATALOG.stream()
                .collect(Collectors.toMap(PlatformEntry::id, p -> p.models().size(), Integer::sum, LinkedHashMap::new));
        int total = perPlatform.values().stream().mapToInt(Integer::intValue).sum();

        assertThat(total).as("models per platform: %s", perPlatform).isGreaterThanOrEqualTo(MIN_MODELS);
        assertThat(perPlatform)
                .allSatisfy((id, count) ->
                        assertThat(count).as("%s: has no models", id).isPositive());
    }

    @Test
    void every_platform_says_what_it_is_how_to_reach_it_and_where_its_figures_come_from() {
        SoftAssertions softly = new SoftAssertions();
        for (PlatformEntry p : CATALOG) {
            softly.assertThat(p.name()).as("%s: name", p.id()).isNotBlank();
            softly.assertThat(p.format()).as("%s: format", p.id()).isIn(FORMATS);
            softly.assertThat(isHttpsUrl(p.baseUrl()))
                    .as("%s: base_url '%s' is not an https URL", p.id(), p.baseUrl())
                    .isTrue();
            softly.assertThat(isHttpsUrl(p.source()))
                    .as("%s: source '%s' is not an https URL", p.id(), p.source())
                    .isTrue();
            softly.assertThat(isIsoDate(p.checked()))
                    .as("%s: checked '%s' is not an ISO date", p.id(), p.checked())
                    .isTrue();
            softly.assertThat(p.limitScope()).as("%s: limit_scope", p.id()).isIn(LIMIT_SCOPES);
            softly.assertThat(p.status()).as("%s: status", p.id()).isIn(STATUSES);
            if (!p.activeByDefault()) {
                softly.assertThat(p.statusNote())
                        .as("%s: status '%s' needs a status_note saying why", p.id(), p.status())
                        .isNotBlank();
            }
        }
        softly.assertAll();
    }

    @Test
    void every_platform_states_its_terms_with_values_from_the_enumerations() {
        SoftAssertions softly = new SoftAssertions();
        for (PlatformEntry p : CATALOG) {
            TermsEntry terms = p.terms();
            softly.assertThat(terms).as("%s: terms", p.id()).isNotNull();
            if (terms == null) {
                continue;
            }
            softly.assertThat(terms.freeTier())
                    .as("%s: terms.free_tier", p.id())
                    .isIn(FREE_TIERS);
            softly.assertThat(terms.sharedUse())
                    .as("%s: terms.shared_use", p.id())
                    .isIn(SHARED_USE);
            softly.assertThat(terms.production())
                    .as("%s: terms.production", p.id())
                    .isIn(PRODUCTION);
            softly.assertThat(terms.trainsOnPrompts())
                    .as("%s: terms.trains_on_prompts", p.id())
                    .isIn(TRAINS_ON_PROMPTS);
            softly.assertThat(terms.note()).as("%s: terms.note", p.id()).isNotBlank();
            softly.assertThat(isHttpsUrl(terms.source()))
                    .as("%s: terms.source '%s' is not an https URL", p.id(), terms.source())
                    .isTrue();
        }
        softly.assertAll();
    }

    @Test
    void request_quirks_are_only_set_where_the_openai_adapter_applies_them() {
        SoftAssertions softly = new SoftAssertions();
        for (PlatformEntry p : CATALOG) {
            RequestQuirks quirks = p.request();
            if (!"openai".equals(p.format())) {
                softly.assertThat(quirks)
                        .as("%s: request quirks on a %s platform", p.id(), p.format())
                        .isEqualTo(RequestQuirks.none());
            }
            softly.assertThat(quirks.defaultMaxTokens())
                    .as("%s: request.default_max_tokens", p.id())
                    .isNotNegative();
            softly.assertThat(quirks.renameParams())
                    .as("%s: request.rename_params", p.id())
                    .allSatisfy((from, to) -> assertThat(to).isNotBlank().isNotEqualTo(from));
            if (quirks.prechargesTokens()) {
                softly.assertThat(quirks.defaultMaxTokens())
                        .as("%s: precharges tokens, so it needs a default_max_tokens cap", p.id())
                        .isPositive();
            }
        }
        softly.assertAll();
    }

    @Test
    void shared_limits_have_a_valid_scope_a_limit_and_cover_at_least_one_model() {
        SoftAssertions softly = new SoftAssertions();
        for (PlatformEntry p : CATALOG) {
            for (SharedLimitEntry shared : p.sharedLimits()) {
                String where = p.id() + " shared limit '" + shared.name() + "'";
                softly.assertThat(shared.name()).as("%s: name", where).isNotBlank();
                softly.assertThat(shared.scope()).as("%s: scope", where).isIn(SHARED_SCOPES);
                softly.assertThat(limitValues(shared.limits()))
                        .as("%s: limits", where)
                        .allSatisfy(
                                (field, value) -> assertThat(value).as(field).isNotNegative());
                softly.assertThat(shared.monthlyRequests())
                        .as("%s: monthly_requests", where)
                        .isNotNegative();
                softly.assertThat(shared.monthlyTokens())
                        .as("%s: monthly_tokens", where)
                        .isNotNegative();
                softly.assertThat(hasAnyLimit(shared))
                        .as("%s: sets no positive limit and no monthly cap", where)
                        .isTrue();
                for (String glob : shared.models()) {
                    Pattern pattern = globPattern(glob);
                    softly.assertThat(p.models())
                            .as("%s: glob '%s' matches no model", where, glob)
                            .anySatisfy(m -> assertThat(m.id()).matches(pattern));
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void model_ids_are_unique_within_their_platform() {
        SoftAssertions softly = new SoftAssertions();
        for (PlatformEntry p : CATALOG) {
            Set<String> seen = new HashSet<>();
            for (ModelEntry m : p.models()) {
                softly.assertThat(m.id()).as("%s: a model without id", p.id()).isNotBlank();
                softly.assertThat(seen.add(m.id()))
                        .as("%s/%s: id appears twice", p.id(), m.id())
                        .isTrue();
            }
        }
        softly.assertAll();
    }

    @Test
    void every_model_is_complete_and_consistent() {
        SoftAssertions softly = new SoftAssertions();
        for (PlatformEntry p : CATALOG) {
            for (ModelEntry m : p.models()) {
                String where = p.id() + "/" + m.id();
                softly.assertThat(m.score()).as("%s: score", where).isNotNull().isBetween(0, 100);
                softly.assertThat(m.contextWindow())
                        .as("%s: context_window", where)
                        .isNotNull()
                        .isPositive();
                softly.assertThat(m.maxOutputTokens())
                        .as("%s: max_output_tokens", where)
                        .isNotNull()
                        .isPositive();
                if (m.contextWindow() != null && m.maxOutputTokens() != null) {
                    softly.assertThat(m.maxOutputTokens())
                            .as("%s: max_output_tokens exceeds context_window", where)
                            .isLessThanOrEqualTo(m.contextWindow());
                }
                softly.assertThat(m.capabilities())
                        .as("%s: capabilities", where)
                        .isNotNull();
                if (m.capabilities() != null && !mentionsStreaming(m.statusNote())) {
                    softly.assertThat(m.capabilities().streaming())
                            .as("%s: chat models stream unless a status_note documents otherwise", where)
                            .isTrue();
                }
                softly.assertThat(m.limits()).as("%s: limits missing", where).isNotNull();
                softly.assertThat(limitValues(m.limits()))
                        .as("%s: limits", where)
                        .allSatisfy(
                                (field, value) -> assertThat(value).as(field).isNotNegative());
                softly.assertThat(m.monthlyTokens() == null ? 0L : m.monthlyTokens())
                        .as("%s: monthly_tokens", where)
                        .isNotNegative();
                if (m.price() != null) {
                    softly.assertThat(m.price().input())
                            .as("%s: price.input", where)
                            .isNotNegative();
                    softly.assertThat(m.price().output())
                            .as("%s: price.output", where)
                            .isNotNegative();
                }
                if (m.upstreamModel() != null) {
                    softly.assertThat(m.upstreamModel())
                            .as("%s: upstream_model repeats the id", where)
                            .isNotBlank()
                            .isNotEqualTo(m.id());
                }
                if (m.status() != null) {
                    softly.assertThat(m.status()).as("%s: status", where).isIn(STATUSES);
                    if (!"active".equals(m.status())) {
                        softly.assertThat(m.statusNote())
                                .as("%s: status '%s' needs a status_note saying why", where, m.status())
                                .isNotBlank();
                    }
                }
                if (m.source() != null) {
                    softly.assertThat(isHttpsUrl(m.source()))
                            .as("%s: source '%s' is not an https URL", where, m.source())
                            .isTrue();
                }
                if (m.checked() != null) {
                    softly.assertThat(isIsoDate(m.checked()))
                            .as("%s: checked '%s' is not an ISO date", where, m.checked())
                            .isTrue();
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void a_platform_without_a_free_tier_prices_every_model() {
        SoftAssertions softly = new SoftAssertions();
        for (PlatformEntry p : CATALOG) {
            if (p.terms() == null || !"none".equals(p.terms().freeTier())) {
                continue;
            }
            for (ModelEntry m : p.models()) {
                softly.assertThat(m.price() != null && !m.price().free())
                        .as("%s/%s: the platform has no free tier, so the model needs a price", p.id(), m.id())
                        .isTrue();
            }
        }
        softly.assertAll();
    }

    /** Absent limit fields bind to 0 ("no such limit"), so presence and positivity are read from the YAML. */
    @Test
    void every_model_states_its_limits_in_the_yaml_and_set_limits_are_positive() {
        SoftAssertions softly = new SoftAssertions();
        for (PlatformEntry p : CATALOG) {
            JsonNode models = rawPlatform(p.id()).path("models");
            for (JsonNode model : models) {
                String where = p.id() + "/" + model.path("id").asText("?");
                JsonNode limits = model.get("limits");
                softly.assertThat(limits)
                        .as("%s: no 'limits' key (write limits: {} when the platform publishes none)", where)
                        .isNotNull();
                if (limits == null) {
                    continue;
                }
                softly.assertThat(limits.isObject())
                        .as("%s: limits is not a mapping", where)
                        .isTrue();
                for (String field : LIMIT_FIELDS) {
                    JsonNode value = limits.get(field);
                    if (value != null) {
                        softly.assertThat(value.isIntegralNumber() && value.asLong() > 0)
                                .as("%s: limits.%s is set to '%s'; set limits must be positive", where, field, value)
                                .isTrue();
                    }
                }
            }
            for (JsonNode shared : rawPlatform(p.id()).path("shared_limits")) {
                String where = p.id() + " shared limit '" + shared.path("name").asText("?") + "'";
                JsonNode limits = shared.path("limits");
                for (String field : LIMIT_FIELDS) {
                    JsonNode value = limits.get(field);
                    if (value != null) {
                        softly.assertThat(value.isIntegralNumber() && value.asLong() > 0)
                                .as("%s: limits.%s is set to '%s'; set limits must be positive", where, field, value)
                                .isTrue();
                    }
                }
            }
        }
        softly.assertAll();
    }

    private static Map<String, Long> limitValues(LimitsConfig limits) {
        if (limits == null) {
            return Map.of();
        }
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("rpm", limits.rpm());
        values.put("rpd", limits.rpd());
        values.put("tpm", limits.tpm());
        values.put("tpd", limits.tpd());
        return values;
    }

    private static boolean hasAnyLimit(SharedLimitEntry shared) {
        return limitValues(shared.limits()).values().stream().anyMatch(v -> v > 0)
                || shared.monthlyRequests() > 0
                || shared.monthlyTokens() > 0;
    }

    /** Catalog globs: {@code *} matches any run of characters (including {@code /}), {@code ?} one. */
    static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static boolean mentionsStreaming(String note) {
        return note != null && note.toLowerCase().contains("stream");
    }

    private static boolean isHttpsUrl(String value) {
        if (value == null || !value.startsWith("https://")) {
            return false;
        }
        try {
            URI uri = URI.create(value.replace("{account}", "account"));
            return uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isIsoDate(String value) {
        if (value == null) {
            return false;
        }
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static JsonNode rawPlatform(String id) {
        return RAW.get(id);
    }

    private static JsonNode readRaw(String id) {
        String resource = "catalog/" + id + ".yaml";
        try (InputStream in = CatalogDataTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("%s: not on the classpath", resource).isNotNull();
            return RAW_YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
