package dev.freeway.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.catalog.entry.RequestQuirks;
import dev.freeway.gateway.catalog.entry.SharedLimitEntry;
import dev.freeway.gateway.catalog.entry.TermsEntry;
import dev.freeway.gateway.config.CatalogPolicyConfig;
import dev.freeway.gateway.config.GatewayConfig;
import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.LimitsConfig;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.config.ProviderConfig;
import dev.freeway.gateway.limits.LimitScope;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.limits.MonthlyBudget;
import dev.freeway.gateway.secrets.ProviderKey;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Which configured models serve, what a requested name resolves to, and the scopes each candidate draws on. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ModelCatalogTest {
    private static final String KEY_A = "key-aaaa-0001";
    private static final String KEY_B = "key-bbbb-0002";
    private static final String KEY_C = "key-cccc-0003";
    private static final TermsEntry SHARED_USE_FORBIDDEN =
            new TermsEntry("recurring", "forbidden", "allowed", "no", null, null);

    private final Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    private final ArrayList<ModelConfig> models = new ArrayList<>();
    private List<String> excludeTerms = List.of();

    /** A provider's config; every argument not given is the default. */
    private record P(
            List<KeyConfig> keys,
            String status,
            String statusNote,
            Boolean enabled,
            TermsEntry terms,
            RequestQuirks request,
            String limitScope,
            List<SharedLimitEntry> shared,
            String zone) {

        static P withKeys(String... values) {
            return new P(
                    Arrays.stream(values).map(KeyConfig::of).toList(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    null);
        }

        static P keyConfigs(KeyConfig... keys) {
            return new P(List.of(keys), null, null, null, null, null, null, List.of(), null);
        }

        P status(String status, String note) {
            return new P(keys, status, note, enabled, terms, request, limitScope, shared, zone);
        }

        P enabled(boolean on) {
            return new P(keys, status, statusNote, on, terms, request, limitScope, shared, zone);
        }

        P terms(TermsEntry terms) {
            return new P(keys, status, statusNote, enabled, terms, request, limitScope, shared, zone);
        }

        P projectModel() {
            return new P(keys, status, statusNote, enabled, terms, request, "project_model", shared, zone);
        }

        P shared(SharedLimitEntry... limits) {
            return new P(keys, status, statusNote, enabled, terms, request, limitScope, List.of(limits), zone);
        }

        P request(RequestQuirks quirks, String dailyResetZone) {
            return new P(keys, status, statusNote, enabled, terms, quirks, limitScope, shared, dailyResetZone);
        }

        ProviderConfig config() {
            return new ProviderConfig(
                    "openai",
                    "https://p.test/v1",
                    keys,
                    Map.of(),
                    null,
                    null,
                    status,
                    statusNote,
                    enabled,
                    terms,
                    request,
                    limitScope,
                    shared,
                    zone);
        }
    }

    private ModelCatalogTest provider(String id, P provider) {
        providers.put(id, provider.config());
        return this;
    }

    private ModelCatalogTest model(String id, String provider) {
        return model(new ModelConfig(id, provider, null, 50, 8192, null, null));
    }

    private ModelCatalogTest model(ModelConfig model) {
        models.add(model);
        return this;
    }

    private static ModelConfig withStatus(String id, String provider, String status, String note, Boolean enabled) {
        return new ModelConfig(id, provider, null, 50, 8192, null, null, null, null, null, status, note, enabled);
    }

    private ModelCatalog catalog() {
        return new ModelCatalog(new GatewayConfig(
                null,
                null,
                providers,
                models,
                null,
                null,
                new CatalogPolicyConfig(true, excludeTerms),
                null,
                null,
                null));
    }

    private ModelState state(String provider, String id) {
        return catalog().states().stream()
                .filter(s ->
                        s.model().provider().equals(provider) && s.model().id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static String fp(String key) {
        return ProviderKey.of(key).fingerprint();
    }

    private static SharedLimitEntry pool(String name, String scope, List<String> globs, LimitsConfig limits) {
        return new SharedLimitEntry(name, scope, globs, limits, null, null);
    }

    // States and reasons.

    @Test
    void a_model_serves_once_per_key_of_its_platform() {
        provider("p", P.withKeys(KEY_A, KEY_B)).model("m", "p");

        ModelState state = state("p", "m");

        assertThat(state.enabled()).isTrue();
        assertThat(state.reason()).isNull();
        assertThat(state.keys()).isEqualTo(2);
        assertThat(catalog().resolve("m"))
                .hasValueSatisfying(c ->
                        assertThat(c).extracting(x -> x.key().fingerprint()).containsExactly(fp(KEY_A), fp(KEY_B)));
    }

    @Test
    void a_platform_without_a_key_does_not_serve() {
        provider("p", P.withKeys()).model("m", "p");

        ModelState state = state("p", "m");

        assertThat(state.enabled()).isFalse();
        assertThat(state.keys()).isZero();
        assertThat(state.reason()).isEqualTo("no key configured");
    }

    @Test
    void a_retired_platform_does_not_serve_and_says_why_with_its_note() {
        provider("p", P.withKeys(KEY_A).status("retired", "Shut down on 2026-07-30."))
                .model("m", "p");

        assertThat(state("p", "m").reason()).isEqualTo("platform retired: Shut down on 2026-07-30.");
    }

    @Test
    void a_platform_status_without_a_note_is_the_whole_reason() {
        provider("p", P.withKeys(KEY_A).status("unverified", " ")).model("m", "p");

        assertThat(state("p", "m").reason()).isEqualTo("platform unverified");
    }

    @Test
    void a_model_whose_own_status_is_not_active_does_not_serve() {
        provider("p", P.withKeys(KEY_A))
                .model(withStatus("old", "p", "retired", "Deprecated on 2026-05-27.", null))
                .model("m", "p");

        assertThat(state("p", "old").reason()).isEqualTo("model retired: Deprecated on 2026-05-27.");
        assertThat(state("p", "m").enabled()).isTrue();
    }

    @Test
    void a_platform_whose_terms_match_an_excluded_pair_does_not_serve() {
        excludeTerms = List.of("production:evaluation_only", "shared_use:forbidden");
        provider("strict", P.withKeys(KEY_A).terms(SHARED_USE_FORBIDDEN))
                .provider(
                        "open",
                        P.withKeys(KEY_B).terms(new TermsEntry("recurring", "allowed", "allowed", "no", null, null)))
                .provider("unrecorded", P.withKeys(KEY_C))
                .model("m", "strict")
                .model("m", "open")
                .model("m", "unrecorded");

        assertThat(state("strict", "m").reason()).isEqualTo("excluded by the catalog policy (shared_use:forbidden)");
        assertThat(state("open", "m").enabled()).isTrue();
        assertThat(state("unrecorded", "m").enabled())
                .as("a platform without recorded terms matches no exclusion")
                .isTrue();
    }

    @Test
    void the_terms_policy_is_off_until_the_operator_names_an_exclusion() {
        provider("strict", P.withKeys(KEY_A).terms(SHARED_USE_FORBIDDEN)).model("m", "strict");

        assertThat(state("strict", "m").enabled()).isTrue();
    }

    @Test
    void enabled_true_switches_on_a_retired_platform() {
        provider("p", P.withKeys(KEY_A).status("retired", "gone").enabled(true)).model("m", "p");

        assertThat(state("p", "m").enabled()).isTrue();
        assertThat(catalog().resolve("p/m"))
                .hasValueSatisfying(c -> assertThat(c).hasSize(1));
    }

    @Test
    void enabled_true_switches_on_a_retired_model() {
        provider("p", P.withKeys(KEY_A)).model(withStatus("old", "p", "retired", "gone", true));

        assertThat(state("p", "old").enabled()).isTrue();
    }

    @Test
    void enabled_true_does_not_give_a_platform_a_key() {
        provider("p", P.withKeys().status("retired", null).enabled(true)).model("m", "p");

        assertThat(state("p", "m").reason()).isEqualTo("no key configured");
    }

    @Test
    void enabled_false_switches_off_an_active_model() {
        provider("p", P.withKeys(KEY_A)).model(withStatus("m", "p", "active", null, false));

        assertThat(state("p", "m").enabled()).isFalse();
        assertThat(catalog().resolve("m")).hasValueSatisfying(c -> assertThat(c).isEmpty());
    }

    @Test
    void a_model_switched_off_by_the_operator_does_not_report_itself_active() {
        provider("p", P.withKeys(KEY_A)).model(withStatus("m", "p", "active", null, false));

        assertThat(state("p", "m").reason()).doesNotContain("active").contains("disabled");
    }

    @Test
    void states_follow_the_configuration_order() {
        provider("p", P.withKeys(KEY_A))
                .provider("q", P.withKeys())
                .model("b", "q")
                .model("a", "p");

        assertThat(catalog().states())
                .extracting(s -> s.model().provider() + "/" + s.model().id())
                .containsExactly("q/b", "p/a");
    }

    // Resolving what a client asks for.

    @Test
    void auto_resolves_to_every_candidate_of_every_serving_model() {
        provider("p", P.withKeys(KEY_A)).provider("q", P.withKeys(KEY_B)).provider("off", P.withKeys());
        model("m1", "p").model("m2", "q").model("m3", "off");

        assertThat(catalog().resolve(ModelCatalog.AUTO))
                .hasValueSatisfying(
                        c -> assertThat(c).extracting(Candidate::target).containsExactly("p/m1", "q/m2"));
    }

    @Test
    void a_model_id_resolves_to_every_provider_serving_it() {
        provider("p", P.withKeys(KEY_A))
                .provider("q", P.withKeys(KEY_B))
                .model("m", "p")
                .model("m", "q")
                .model("n", "p");

        assertThat(catalog().resolve("m"))
                .hasValueSatisfying(
                        c -> assertThat(c).extracting(Candidate::target).containsExactly("p/m", "q/m"));
    }

    @Test
    void provider_slash_model_resolves_to_that_provider_only() {
        provider("p", P.withKeys(KEY_A))
                .provider("q", P.withKeys(KEY_B))
                .model("m", "p")
                .model("m", "q");

        assertThat(catalog().resolve("q/m"))
                .hasValueSatisfying(
                        c -> assertThat(c).extracting(Candidate::target).containsExactly("q/m"));
    }

    @Test
    void a_known_model_that_serves_nowhere_resolves_to_an_empty_list() {
        provider("p", P.withKeys()).model("m", "p");

        assertThat(catalog().resolve("m")).hasValueSatisfying(c -> assertThat(c).isEmpty());
        assertThat(catalog().resolve("p/m"))
                .hasValueSatisfying(c -> assertThat(c).isEmpty());
    }

    @Test
    void an_unknown_model_resolves_to_nothing() {
        provider("p", P.withKeys(KEY_A)).model("m", "p");

        assertThat(catalog().resolve("nope")).isEmpty();
        assertThat(catalog().resolve("q/m"))
                .as("a provider that does not serve m")
                .isEmpty();
    }

    // Scope names.

    @Test
    void a_key_model_platform_names_its_scope_by_key_fingerprint_and_model() {
        provider("groq", P.withKeys(KEY_A)).model("llama", "groq");

        Candidate candidate = catalog().resolve("llama").orElseThrow().get(0);

        assertThat(candidate.scope()).isEqualTo("groq#" + fp(KEY_A) + "/llama");
        assertThat(candidate.target()).isEqualTo("groq/llama");
        assertThat(candidate.scope()).doesNotContain(KEY_A);
    }

    @Test
    void two_keys_of_one_project_share_one_scope_and_a_key_without_project_gets_its_own() {
        provider(
                        "google",
                        P.keyConfigs(
                                        new KeyConfig(KEY_A, null, "team-a"),
                                        new KeyConfig(KEY_B, null, "team-a"),
                                        KeyConfig.of(KEY_C))
                                .projectModel())
                .model("gemini", "google");

        assertThat(catalog().resolve("gemini"))
                .hasValueSatisfying(c -> assertThat(c)
                        .extracting(Candidate::scope)
                        .containsExactly(
                                "google@project:team-a/gemini",
                                "google@project:team-a/gemini",
                                "google@" + fp(KEY_C) + "/gemini"));
    }

    @Test
    void a_project_label_does_not_merge_scopes_on_a_key_model_platform() {
        provider("groq", P.keyConfigs(new KeyConfig(KEY_A, null, "team-a"), new KeyConfig(KEY_B, null, "team-a")))
                .model("llama", "groq");

        assertThat(catalog().resolve("llama"))
                .hasValueSatisfying(c -> assertThat(c)
                        .extracting(Candidate::scope)
                        .containsExactly("groq#" + fp(KEY_A) + "/llama", "groq#" + fp(KEY_B) + "/llama"));
    }

    @Test
    void a_shared_limit_with_a_glob_covers_only_the_models_it_matches() {
        provider(
                        "openrouter",
                        P.withKeys(KEY_A)
                                .shared(pool("free", "key", List.of("*:free"), new LimitsConfig(20L, 50L, null, null))))
                .model("llama:free", "openrouter")
                .model("llama", "openrouter");

        Candidate free = catalog().resolve("llama:free").orElseThrow().get(0);
        Candidate paid = catalog().resolve("llama").orElseThrow().get(0);

        assertThat(free.shared())
                .containsExactly(new LimitScope("openrouter#" + fp(KEY_A) + "/@free", new Limits(20, 50, 0, 0)));
        assertThat(paid.shared()).isEmpty();
    }

    @Test
    void a_shared_limit_without_globs_covers_every_model() {
        provider(
                        "nvidia",
                        P.withKeys(KEY_A)
                                .shared(pool("account", "key", List.of(), new LimitsConfig(40L, null, null, null))))
                .model("a", "nvidia")
                .model("b", "nvidia");

        assertThat(catalog().resolve(ModelCatalog.AUTO))
                .hasValueSatisfying(c -> assertThat(c)
                        .allSatisfy(x -> assertThat(x.shared())
                                .extracting(LimitScope::scope)
                                .containsExactly("nvidia#" + fp(KEY_A) + "/@account")));
    }

    @Test
    void a_project_scoped_shared_limit_is_shared_by_the_keys_of_one_project() {
        provider(
                        "p",
                        P.keyConfigs(new KeyConfig(KEY_A, null, "team-a"), new KeyConfig(KEY_B, null, "team-a"))
                                .shared(pool("pool", "project", List.of(), new LimitsConfig(null, 100L, null, null))))
                .model("m", "p");

        assertThat(catalog().resolve("m"))
                .hasValueSatisfying(c -> assertThat(c)
                        .extracting(x -> x.shared().get(0).scope())
                        .containsExactly("p@project:team-a/@pool", "p@project:team-a/@pool"));
    }

    @Test
    void monthly_budgets_of_the_platform_and_the_model_reach_the_candidate_to_be_watched() {
        provider(
                        "cohere",
                        P.withKeys(KEY_A)
                                .shared(new SharedLimitEntry("trial", "key", List.of(), null, 1000L, 5_000_000L)))
                .model(new ModelConfig(
                        "command", "cohere", null, 50, 8192, null, null, null, 1_000_000_000L, null, null, null, null));

        Candidate candidate = catalog().resolve("command").orElseThrow().get(0);

        assertThat(candidate.monthly())
                .containsExactly(
                        new MonthlyBudget(candidate.scope(), 0, 1_000_000_000L),
                        new MonthlyBudget("cohere#" + fp(KEY_A) + "/@trial", 1000, 5_000_000L));
    }

    @Test
    void a_shared_limit_with_only_monthly_figures_adds_no_scope() {
        provider(
                        "cohere",
                        P.withKeys(KEY_A)
                                .shared(new SharedLimitEntry("trial", "key", List.of(), null, 1000L, 5_000_000L)))
                .model("command", "cohere");

        Candidate candidate = catalog().resolve("command").orElseThrow().get(0);

        assertThat(candidate.shared()).isEmpty();
        assertThat(candidate.scopes()).extracting(LimitScope::scope).containsExactly(candidate.scope());
    }

    @Test
    void a_candidate_draws_on_its_own_scope_first_then_each_shared_one() {
        provider(
                        "p",
                        P.withKeys(KEY_A)
                                .shared(
                                        pool("minute", "key", List.of(), new LimitsConfig(40L, null, null, null)),
                                        pool("day", "key", List.of("m*"), new LimitsConfig(null, 500L, null, null))))
                .model(new ModelConfig("m", "p", null, 50, 8192, new LimitsConfig(10L, null, 1000L, null), null));

        Candidate candidate = catalog().resolve("m").orElseThrow().get(0);

        assertThat(candidate.scopes())
                .containsExactly(
                        new LimitScope("p#" + fp(KEY_A) + "/m", new Limits(10, 0, 1000, 0)),
                        new LimitScope("p#" + fp(KEY_A) + "/@minute", new Limits(40, 0, 0, 0)),
                        new LimitScope("p#" + fp(KEY_A) + "/@day", new Limits(0, 500, 0, 0)));
    }

    @Test
    void a_candidate_carries_the_platforms_daily_reset_zone_and_default_answer_limit() {
        provider(
                        "google",
                        P.withKeys(KEY_A)
                                .request(
                                        new RequestQuirks(null, null, 4096, null, null, null, null),
                                        "America/Los_Angeles"))
                .model("gemini", "google");

        Candidate candidate = catalog().resolve("gemini").orElseThrow().get(0);

        assertThat(candidate.dailyReset()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(candidate.defaultMaxTokens()).isEqualTo(4096);
    }

    @Test
    void the_key_subject_names_the_key_whatever_the_model_or_project() {
        provider("google", P.keyConfigs(new KeyConfig(KEY_A, null, "team-a")).projectModel())
                .model("a", "google")
                .model("b", "google");

        assertThat(catalog().resolve(ModelCatalog.AUTO))
                .hasValueSatisfying(
                        c -> assertThat(c).extracting(Candidate::keySubject).containsOnly("google#" + fp(KEY_A)));
    }

    // The pieces on their own.

    @Test
    void the_terms_policy_returns_the_first_matching_rule_and_ignores_rules_without_a_field() {
        TermsPolicy policy = new TermsPolicy(List.of("forbidden", "trains_on_prompts:yes", "shared_use:forbidden"));
        TermsEntry terms = new TermsEntry("recurring", "forbidden", "allowed", "yes", null, null);

        assertThat(policy.excludedBy(terms)).isEqualTo("trains_on_prompts:yes");
        assertThat(policy.excludedBy(null)).isNull();
        assertThat(new TermsPolicy(List.of("free_tier:none")).excludedBy(terms)).isNull();
    }

    @Test
    void a_glob_matches_the_whole_model_id_with_any_run_of_characters_per_star() {
        SharedLimitEntry limit = pool("x", "key", List.of("meta/*-instruct", "exact"), LimitsConfig.unlimited());

        assertThat(ScopeNames.covers(limit, "meta/llama-3.3-70b-instruct")).isTrue();
        assertThat(ScopeNames.covers(limit, "exact")).isTrue();
        assertThat(ScopeNames.covers(limit, "exactly")).isFalse();
        assertThat(ScopeNames.covers(limit, "other/llama-instruct")).isFalse();
        assertThat(ScopeNames.covers(pool("y", "key", List.of("a.b"), LimitsConfig.unlimited()), "axb"))
                .as("regex characters are literal")
                .isFalse();
    }

    @Test
    void a_question_mark_in_a_glob_matches_exactly_one_character() {
        SharedLimitEntry limit = pool("x", "key", List.of("model-v?"), LimitsConfig.unlimited());

        assertThat(ScopeNames.covers(limit, "model-v2")).isTrue();
        assertThat(ScopeNames.covers(limit, "model-v")).isFalse();
        assertThat(ScopeNames.covers(limit, "model-v10")).isFalse();
    }

    @Test
    void a_model_state_is_enabled_exactly_when_it_has_no_reason() {
        ModelConfig model = new ModelConfig("m", "p", null, 50, 8192, null, null);

        assertThat(new ModelState(model, 1, null).enabled()).isTrue();
        assertThat(new ModelState(model, 0, "no key configured").enabled()).isFalse();
    }
}
