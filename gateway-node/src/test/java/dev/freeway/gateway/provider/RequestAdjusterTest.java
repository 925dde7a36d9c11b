package dev.freeway.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.catalog.entry.RequestQuirks;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.json.Json;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Fitting the client's request to one platform and model, without touching the client's request. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RequestAdjusterTest {
    private static final RequestQuirks NONE = RequestQuirks.none();
    private static final ModelConfig UNBOUNDED = model(0);
    private static final String TOOLS = "[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{}}}]";

    private static ModelConfig model(int maxOutputTokens) {
        return new ModelConfig("m", "p", null, 50, 131072, null, null, maxOutputTokens, null, null, null, null, null);
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode chat(String extraFields) {
        return json("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
                + (extraFields.isEmpty() ? "" : "," + extraFields) + "}");
    }

    private static RequestQuirks drop(String... params) {
        return new RequestQuirks(List.of(params), null, null, null, null, null, null);
    }

    private static RequestQuirks rename(Map<String, String> renames) {
        return new RequestQuirks(null, renames, null, null, null, null, null);
    }

    private static RequestQuirks toolChoiceRequired(String word) {
        return new RequestQuirks(null, null, null, null, word, null, null);
    }

    private static RequestQuirks singleToolCall() {
        return new RequestQuirks(null, null, null, null, null, true, null);
    }

    private static RequestQuirks systemAsUser() {
        return new RequestQuirks(null, null, null, null, null, null, true);
    }

    private static RequestQuirks defaultMaxTokens(int tokens) {
        return new RequestQuirks(null, null, tokens, null, null, null, null);
    }

    private static JsonNode messages(ObjectNode request) {
        return request.path("messages");
    }

    // answerLimit.

    @Test
    void the_answer_limit_is_the_clients_when_it_fits_the_model() {
        assertThat(RequestAdjuster.answerLimit(500, 4096, 8192)).isEqualTo(500);
    }

    @Test
    void the_answer_limit_is_the_platform_default_when_the_client_sets_none() {
        assertThat(RequestAdjuster.answerLimit(0, 4096, 8192)).isEqualTo(4096);
    }

    @Test
    void the_answer_limit_is_clamped_to_what_the_model_can_write() {
        assertThat(RequestAdjuster.answerLimit(100_000, 0, 8192)).isEqualTo(8192);
        assertThat(RequestAdjuster.answerLimit(0, 16_384, 8192))
                .as("the platform default too")
                .isEqualTo(8192);
    }

    @Test
    void the_answer_limit_is_left_unclamped_when_the_models_output_limit_is_unknown() {
        assertThat(RequestAdjuster.answerLimit(100_000, 0, 0)).isEqualTo(100_000);
    }

    @Test
    void the_answer_limit_is_zero_when_nobody_sets_one() {
        assertThat(RequestAdjuster.answerLimit(0, 0, 8192)).isZero();
        assertThat(RequestAdjuster.answerLimit(0, 0, 0)).isZero();
    }

    // openAi(): answer limit.

    @Test
    void a_clamped_max_tokens_stays_in_the_field_the_client_used() {
        ObjectNode adjusted = RequestAdjuster.openAi(chat("\"max_tokens\":100000"), NONE, model(8192));

        assertThat(adjusted.path("max_tokens").asLong()).isEqualTo(8192);
        assertThat(adjusted.has("max_completion_tokens")).isFalse();
    }

    @Test
    void a_clamped_max_completion_tokens_stays_in_the_field_the_client_used() {
        ObjectNode adjusted = RequestAdjuster.openAi(chat("\"max_completion_tokens\":100000"), NONE, model(8192));

        assertThat(adjusted.path("max_completion_tokens").asLong()).isEqualTo(8192);
        assertThat(adjusted.has("max_tokens")).isFalse();
    }

    @Test
    void a_platform_default_is_sent_as_max_tokens_when_the_client_set_no_limit() {
        ObjectNode adjusted = RequestAdjuster.openAi(chat(""), defaultMaxTokens(2048), UNBOUNDED);

        assertThat(adjusted.path("max_tokens").asLong()).isEqualTo(2048);
        assertThat(adjusted.has("max_completion_tokens")).isFalse();
    }

    @Test
    void no_limit_is_added_when_nobody_sets_one() {
        ObjectNode adjusted = RequestAdjuster.openAi(chat(""), NONE, model(8192));

        assertThat(adjusted.has("max_tokens")).isFalse();
        assertThat(adjusted.has("max_completion_tokens")).isFalse();
    }

    // openAi(): parameter quirks.

    @Test
    void drop_params_removes_the_named_top_level_fields_only() {
        ObjectNode adjusted = RequestAdjuster.openAi(
                chat("\"logit_bias\":{\"1\":2},\"logprobs\":true,\"temperature\":0.2"),
                drop("logit_bias", "logprobs"),
                UNBOUNDED);

        assertThat(adjusted.has("logit_bias")).isFalse();
        assertThat(adjusted.has("logprobs")).isFalse();
        assertThat(adjusted.path("temperature").asDouble()).isEqualTo(0.2);
    }

    @Test
    void rename_params_sends_seed_as_random_seed() {
        ObjectNode adjusted =
                RequestAdjuster.openAi(chat("\"seed\":42"), rename(Map.of("seed", "random_seed")), UNBOUNDED);

        assertThat(adjusted.has("seed")).isFalse();
        assertThat(adjusted.path("random_seed").asInt()).isEqualTo(42);
    }

    @Test
    void rename_params_adds_nothing_when_the_client_did_not_send_the_field() {
        ObjectNode adjusted = RequestAdjuster.openAi(chat(""), rename(Map.of("seed", "random_seed")), UNBOUNDED);

        assertThat(adjusted.has("random_seed")).isFalse();
    }

    @Test
    void tool_choice_required_becomes_the_platforms_word() {
        ObjectNode adjusted = RequestAdjuster.openAi(
                chat("\"tools\":" + TOOLS + ",\"tool_choice\":\"required\""), toolChoiceRequired("any"), UNBOUNDED);

        assertThat(adjusted.path("tool_choice").asText()).isEqualTo("any");
    }

    @Test
    void other_tool_choices_are_left_alone() {
        ObjectNode auto = RequestAdjuster.openAi(
                chat("\"tools\":" + TOOLS + ",\"tool_choice\":\"auto\""), toolChoiceRequired("any"), UNBOUNDED);
        ObjectNode named = RequestAdjuster.openAi(
                chat("\"tools\":" + TOOLS + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}"),
                toolChoiceRequired("any"),
                UNBOUNDED);

        assertThat(auto.path("tool_choice").asText()).isEqualTo("auto");
        assertThat(named.path("tool_choice").path("function").path("name").asText())
                .isEqualTo("f");
    }

    @Test
    void tool_choice_required_is_kept_on_a_platform_that_understands_it() {
        ObjectNode adjusted =
                RequestAdjuster.openAi(chat("\"tools\":" + TOOLS + ",\"tool_choice\":\"required\""), NONE, UNBOUNDED);

        assertThat(adjusted.path("tool_choice").asText()).isEqualTo("required");
    }

    @Test
    void single_tool_call_sends_parallel_tool_calls_false_when_tools_are_present() {
        ObjectNode adjusted = RequestAdjuster.openAi(chat("\"tools\":" + TOOLS), singleToolCall(), UNBOUNDED);

        assertThat(adjusted.path("parallel_tool_calls").isBoolean()).isTrue();
        assertThat(adjusted.path("parallel_tool_calls").booleanValue()).isFalse();
    }

    @Test
    void single_tool_call_adds_nothing_without_tools() {
        ObjectNode without = RequestAdjuster.openAi(chat(""), singleToolCall(), UNBOUNDED);
        ObjectNode empty = RequestAdjuster.openAi(chat("\"tools\":[]"), singleToolCall(), UNBOUNDED);

        assertThat(without.has("parallel_tool_calls")).isFalse();
        assertThat(empty.has("parallel_tool_calls")).isFalse();
    }

    // openAi(): system as user.

    @Test
    void system_as_user_folds_the_system_text_into_the_first_user_turn() {
        ObjectNode request = json("{\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"developer\",\"content\":\"Answer in French.\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"salut\"},"
                + "{\"role\":\"user\",\"content\":\"again\"}]}");

        ObjectNode adjusted = RequestAdjuster.openAi(request, systemAsUser(), UNBOUNDED);

        assertThat(messages(adjusted))
                .isEqualTo(json("{\"m\":["
                                + "{\"role\":\"user\",\"content\":\"Be brief.\\n\\nAnswer in French.\\n\\nhi\"},"
                                + "{\"role\":\"assistant\",\"content\":\"salut\"},"
                                + "{\"role\":\"user\",\"content\":\"again\"}]}")
                        .path("m"));
    }

    @Test
    void system_as_user_inserts_a_user_turn_when_there_is_none_to_fold_into() {
        ObjectNode request = json("{\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"assistant\",\"content\":\"hello\"}]}");

        ObjectNode adjusted = RequestAdjuster.openAi(request, systemAsUser(), UNBOUNDED);

        assertThat(messages(adjusted))
                .isEqualTo(json("{\"m\":["
                                + "{\"role\":\"user\",\"content\":\"Be brief.\"},"
                                + "{\"role\":\"assistant\",\"content\":\"hello\"}]}")
                        .path("m"));
    }

    @Test
    void system_as_user_leaves_a_conversation_without_system_messages_as_it_was() {
        ObjectNode request = chat("");

        ObjectNode adjusted = RequestAdjuster.openAi(request, systemAsUser(), UNBOUNDED);

        assertThat(messages(adjusted)).isEqualTo(messages(request));
    }

    @Test
    void system_as_user_folds_a_system_message_given_as_text_parts() {
        ObjectNode request = json("{\"messages\":["
                + "{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"Be brief.\"}]},"
                + "{\"role\":\"user\",\"content\":\"hi\"}]}");

        ObjectNode adjusted = RequestAdjuster.openAi(request, systemAsUser(), UNBOUNDED);

        assertThat(messages(adjusted))
                .isEqualTo(json("{\"m\":[{\"role\":\"user\",\"content\":\"Be brief.\\n\\nhi\"}]}")
                        .path("m"));
    }

    @Test
    void system_as_user_folds_into_the_first_user_turn_even_when_it_is_given_as_parts() {
        ObjectNode request = json("{\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:x\"}}]},"
                + "{\"role\":\"assistant\",\"content\":\"a cat\"},"
                + "{\"role\":\"user\",\"content\":\"and now?\"}]}");

        ObjectNode adjusted = RequestAdjuster.openAi(request, systemAsUser(), UNBOUNDED);

        JsonNode first = messages(adjusted).path(0);
        assertThat(first.path("role").asText()).isEqualTo("user");
        assertThat(first.path("content").toString()).contains("Be brief.").contains("image_url");
        assertThat(messages(adjusted).path(2).path("content").asText())
                .as("the later user turn is left alone")
                .isEqualTo("and now?");
    }

    // The client's request is never changed.

    @Test
    void the_callers_request_is_never_modified_whatever_the_quirks() {
        ObjectNode request = json(
                "{\"model\":\"m\",\"max_tokens\":100000,\"seed\":7,\"logit_bias\":{\"1\":2},"
                        + "\"tools\":" + TOOLS + ",\"tool_choice\":\"required\","
                        + "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"hi\"}]}");
        ObjectNode before = request.deepCopy();
        RequestQuirks all =
                new RequestQuirks(List.of("logit_bias"), Map.of("seed", "random_seed"), 2048, true, "any", true, true);

        ObjectNode adjusted = RequestAdjuster.openAi(request, all, model(8192));

        assertThat(adjusted).isNotSameAs(request).isNotEqualTo(before);
        assertThat(request).isEqualTo(before);
    }

    // limitOnly().

    @Test
    void limit_only_returns_the_same_instance_when_nothing_changes() {
        ObjectNode fits = chat("\"max_tokens\":500");
        ObjectNode unlimited = chat("");

        assertThat(RequestAdjuster.limitOnly(fits, NONE, model(8192))).isSameAs(fits);
        assertThat(RequestAdjuster.limitOnly(unlimited, NONE, model(8192))).isSameAs(unlimited);
    }

    @Test
    void limit_only_clamps_into_max_completion_tokens_on_a_copy() {
        ObjectNode request = chat("\"max_tokens\":100000,\"seed\":7");
        ObjectNode before = request.deepCopy();

        ObjectNode adjusted = RequestAdjuster.limitOnly(request, drop("seed"), model(8192));

        assertThat(adjusted.path("max_completion_tokens").asLong()).isEqualTo(8192);
        assertThat(adjusted.has("max_tokens")).isFalse();
        assertThat(adjusted.path("seed").asInt())
                .as("other quirks are the wire format's business")
                .isEqualTo(7);
        assertThat(request).isEqualTo(before);
    }

    @Test
    void limit_only_sets_the_platform_default_when_the_client_set_no_limit() {
        ObjectNode adjusted = RequestAdjuster.limitOnly(chat(""), defaultMaxTokens(2048), UNBOUNDED);

        assertThat(adjusted.path("max_completion_tokens").asLong()).isEqualTo(2048);
    }
}
