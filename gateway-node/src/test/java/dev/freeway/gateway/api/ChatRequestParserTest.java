package dev.freeway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.freeway.gateway.routing.ChatRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChatRequestParserTest {
    private static final String SYSTEM = "{\"role\":\"system\",\"content\":\"Be brief.\"}";
    private static final String USER_HI = "{\"role\":\"user\",\"content\":\"hi\"}";
    private static final String ASSISTANT = "{\"role\":\"assistant\",\"content\":\"hello\"}";

    private final ChatRequestParser parser = new ChatRequestParser();

    private ChatRequest parse(String json) {
        return parser.parse(Buffer.buffer(json), null);
    }

    private ChatRequest parse(String json, String sessionId) {
        return parser.parse(Buffer.buffer(json), sessionId);
    }

    private static String chat(String... messages) {
        return "{\"model\":\"m\",\"messages\":[" + String.join(",", messages) + "]}";
    }

    private JsonObject rejection(Buffer body) {
        Throwable thrown = catchThrowable(() -> parser.parse(body, null));
        assertThat(thrown).isInstanceOf(GatewayError.class);
        GatewayError error = (GatewayError) thrown;
        assertThat(error.status()).isEqualTo(400);
        JsonObject json = error.toJson().getJsonObject("error");
        assertThat(json.getString("type")).isEqualTo("invalid_request_error");
        assertThat(json.getString("message")).isNotBlank();
        return json;
    }

    private JsonObject rejection(String body) {
        return rejection(Buffer.buffer(body));
    }

    @Nested
    @DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
    class Rejects {
        @Test
        void an_empty_body() {
            assertThat(rejection("").getString("param")).isNull();
            assertThat(rejection((Buffer) null).getString("param")).isNull();
        }

        @Test
        void a_body_that_is_not_json() {
            assertThat(rejection("model=m&messages=x").getString("message"))
                    .isEqualTo("We could not parse the JSON body of your request.");
        }

        @Test
        void a_json_array() {
            assertThat(rejection("[" + USER_HI + "]").getString("message"))
                    .isEqualTo("The request body must be a JSON object.");
        }

        @Test
        void json_null() {
            assertThat(rejection("null").getString("message")).isEqualTo("The request body must be a JSON object.");
        }

        @Test
        void a_missing_model() {
            assertThat(rejection("{\"messages\":[" + USER_HI + "]}").getString("param"))
                    .isEqualTo("model");
        }

        @Test
        void a_blank_or_non_string_model() {
            assertThat(rejection("{\"model\":\" \",\"messages\":[" + USER_HI + "]}")
                            .getString("param"))
                    .isEqualTo("model");
            assertThat(rejection("{\"model\":7,\"messages\":[" + USER_HI + "]}").getString("param"))
                    .isEqualTo("model");
        }

        @Test
        void empty_or_missing_messages() {
            assertThat(rejection("{\"model\":\"m\",\"messages\":[]}").getString("param"))
                    .isEqualTo("messages");
            assertThat(rejection("{\"model\":\"m\"}").getString("param")).isEqualTo("messages");
            assertThat(rejection("{\"model\":\"m\",\"messages\":\"hi\"}").getString("param"))
                    .isEqualTo("messages");
        }

        @Test
        void a_message_that_is_not_an_object() {
            assertThat(rejection(chat(USER_HI, "\"hi\"")).getString("param")).isEqualTo("messages[1]");
        }

        @Test
        void an_unknown_role_naming_the_message() {
            JsonObject error = rejection(chat(USER_HI, "{\"role\":\"robot\",\"content\":\"x\"}"));

            assertThat(error.getString("param")).isEqualTo("messages[1].role");
            assertThat(error.getString("code")).isEqualTo("invalid_request");
        }

        @Test
        void a_missing_role() {
            assertThat(rejection(chat("{\"content\":\"x\"}")).getString("param"))
                    .isEqualTo("messages[0].role");
        }

        @Test
        void content_that_is_neither_string_nor_array() {
            assertThat(rejection(chat("{\"role\":\"user\",\"content\":{\"text\":\"x\"}}"))
                            .getString("param"))
                    .isEqualTo("messages[0].content");
        }

        @Test
        void a_stream_flag_that_is_not_a_boolean() {
            String body = "{\"model\":\"m\",\"stream\":\"true\",\"messages\":[" + USER_HI + "]}";

            assertThat(rejection(body).getString("param")).isEqualTo("stream");
        }

        @Test
        void negative_or_fractional_token_limits() {
            assertThat(rejection("{\"model\":\"m\",\"max_tokens\":-1,\"messages\":[" + USER_HI + "]}")
                            .getString("param"))
                    .isEqualTo("max_tokens");
            assertThat(rejection("{\"model\":\"m\",\"max_tokens\":1.5,\"messages\":[" + USER_HI + "]}")
                            .getString("param"))
                    .isEqualTo("max_tokens");
            assertThat(rejection("{\"model\":\"m\",\"max_completion_tokens\":-5,\"messages\":[" + USER_HI + "]}")
                            .getString("param"))
                    .isEqualTo("max_completion_tokens");
        }

        @Test
        void tools_that_are_not_an_array() {
            assertThat(rejection("{\"model\":\"m\",\"tools\":{},\"messages\":[" + USER_HI + "]}")
                            .getString("param"))
                    .isEqualTo("tools");
        }

        @Test
        void nesting_deeper_than_64_levels_as_a_bad_request_not_an_exception() {
            String deep = "[".repeat(100) + "]".repeat(100);
            String body = "{\"model\":\"m\",\"messages\":[" + USER_HI + "],\"metadata\":" + deep + "}";

            assertThat(rejection(body).getString("param")).isNull();
        }
    }

    @Nested
    @DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
    class Derives {
        @Test
        void the_model_and_defaults_for_a_plain_request() {
            ChatRequest request = parse(chat(USER_HI));

            assertThat(request.model()).isEqualTo("m");
            assertThat(request.stream()).isFalse();
            assertThat(request.includeUsage()).isFalse();
            assertThat(request.needsTools()).isFalse();
            assertThat(request.needsJson()).isFalse();
            assertThat(request.needsVision()).isFalse();
            assertThat(request.promptTokens()).isPositive();
        }

        @Test
        void stream_and_include_usage() {
            ChatRequest request = parse("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                    + "\"messages\":[" + USER_HI + "]}");

            assertThat(request.stream()).isTrue();
            assertThat(request.includeUsage()).isTrue();
        }

        @Test
        void a_null_stream_flag_as_not_streaming() {
            assertThat(parse("{\"model\":\"m\",\"stream\":null,\"messages\":[" + USER_HI + "]}").stream())
                    .isFalse();
        }

        @Test
        void needs_tools_only_from_a_non_empty_tools_array() {
            String withTools = "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                    + "\"messages\":[" + USER_HI + "]}";

            assertThat(parse(withTools).needsTools()).isTrue();
            assertThat(parse("{\"model\":\"m\",\"tools\":[],\"messages\":[" + USER_HI + "]}")
                            .needsTools())
                    .isFalse();
        }

        @Test
        void needs_json_from_a_json_response_format() {
            String object =
                    "{\"model\":\"m\",\"response_format\":{\"type\":\"json_object\"},\"messages\":[" + USER_HI + "]}";
            String schema =
                    "{\"model\":\"m\",\"response_format\":{\"type\":\"json_schema\"},\"messages\":[" + USER_HI + "]}";
            String text = "{\"model\":\"m\",\"response_format\":{\"type\":\"text\"},\"messages\":[" + USER_HI + "]}";

            assertThat(parse(object).needsJson()).isTrue();
            assertThat(parse(schema).needsJson()).isTrue();
            assertThat(parse(text).needsJson()).isFalse();
        }

        @Test
        void needs_vision_from_an_image_part() {
            String image = "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is this\"},"
                    + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x.test/a.png\"}}]}";
            String textOnly = "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is this\"}]}";

            assertThat(parse(chat(image)).needsVision()).isTrue();
            assertThat(parse(chat(textOnly)).needsVision()).isFalse();
        }

        @Test
        void keeps_unknown_fields_in_the_forwarded_body() {
            ChatRequest request = parse("{\"model\":\"m\",\"seed\":7,\"messages\":[" + USER_HI + "]}");

            assertThat(request.body().get("seed").asInt()).isEqualTo(7);
        }
    }

    @Nested
    @DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
    class Sessions {
        @Test
        void two_requests_sharing_system_and_first_user_message_share_a_session() {
            ChatRequest first = parse(chat(SYSTEM, USER_HI));
            ChatRequest later = parse(chat(SYSTEM, USER_HI, ASSISTANT, "{\"role\":\"user\",\"content\":\"more\"}"));

            assertThat(first.sessionHash()).isNotNull().isEqualTo(later.sessionHash());
        }

        @Test
        void a_different_first_user_message_is_a_different_session() {
            ChatRequest one = parse(chat(SYSTEM, USER_HI));
            ChatRequest other = parse(chat(SYSTEM, "{\"role\":\"user\",\"content\":\"bye\"}"));

            assertThat(one.sessionHash()).isNotEqualTo(other.sessionHash());
        }

        @Test
        void a_different_system_message_is_a_different_session() {
            ChatRequest one = parse(chat(SYSTEM, USER_HI));
            ChatRequest other = parse(chat("{\"role\":\"system\",\"content\":\"Be verbose.\"}", USER_HI));

            assertThat(one.sessionHash()).isNotEqualTo(other.sessionHash());
        }

        @Test
        void the_session_hash_is_a_hash_not_the_text() {
            assertThat(parse(chat(SYSTEM, USER_HI)).sessionHash())
                    .matches("[0-9a-f]{64}")
                    .doesNotContain("Be brief");
        }

        @Test
        void an_explicit_session_id_overrides_the_conversation() {
            ChatRequest one = parse(chat(SYSTEM, USER_HI), "session-1");
            ChatRequest other = parse(chat("{\"role\":\"user\",\"content\":\"bye\"}"), "session-1");
            ChatRequest third = parse(chat(SYSTEM, USER_HI), "session-2");

            assertThat(one.sessionHash()).isEqualTo(other.sessionHash()).isNotEqualTo(third.sessionHash());
            assertThat(one.sessionHash())
                    .isNotEqualTo(parse(chat(SYSTEM, USER_HI)).sessionHash());
        }

        @Test
        void a_conversation_without_a_user_message_has_no_session() {
            ChatRequest request = parse(chat(SYSTEM));

            assertThat(request.sessionHash()).isNull();
            assertThat(request.pinnable()).isFalse();
        }

        @Test
        void a_first_turn_is_not_pinnable() {
            assertThat(parse(chat(SYSTEM, USER_HI)).pinnable()).isFalse();
        }

        @Test
        void a_conversation_with_an_assistant_turn_is_pinnable() {
            assertThat(parse(chat(SYSTEM, USER_HI, ASSISTANT)).pinnable()).isTrue();
        }

        @Test
        void an_explicit_session_id_makes_even_a_first_turn_pinnable() {
            assertThat(parse(chat(SYSTEM, USER_HI), "session-1").pinnable()).isTrue();
        }

        @Test
        void a_blank_session_id_is_ignored_for_pinning_as_it_is_for_hashing() {
            ChatRequest blank = parse(chat(SYSTEM, USER_HI), "");
            ChatRequest none = parse(chat(SYSTEM, USER_HI));

            assertThat(blank.sessionHash()).isEqualTo(none.sessionHash());
            assertThat(blank.pinnable()).isFalse();
        }
    }
}
