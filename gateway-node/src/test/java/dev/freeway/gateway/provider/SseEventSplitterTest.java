package dev.freeway.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SseEventSplitterTest {
    private final SseEventSplitter splitter = new SseEventSplitter();
    private final List<String> events = new ArrayList<>();

    private void feed(String chunk) {
        feed(chunk.getBytes(StandardCharsets.UTF_8));
    }

    private void feed(byte[] chunk) {
        splitter.feed(Buffer.buffer(chunk), events::add);
    }

    private void feedByteByByte(String stream) {
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            feed(new byte[] {b});
        }
    }

    @Test
    void emits_the_data_of_each_complete_event() {
        feed("data: {\"a\":1}\n\ndata: {\"b\":2}\n\n");

        assertThat(events).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void holds_an_event_back_until_its_blank_line_arrives() {
        feed("data: {\"a\":1}\n");
        assertThat(events).isEmpty();

        feed("\n");
        assertThat(events).containsExactly("{\"a\":1}");
    }

    @Test
    void reassembles_events_fed_byte_by_byte() {
        feedByteByByte("data: first\n\ndata: second\n\ndata: [DONE]\n\n");

        assertThat(events).containsExactly("first", "second", "[DONE]");
    }

    @Test
    void reassembles_events_split_at_every_possible_boundary() {
        String stream = "data: one\r\n\r\n: keep-alive\n\ndata: two\ndata: lines\n\n";
        for (int cut = 0; cut <= stream.length(); cut++) {
            SseEventSplitter fresh = new SseEventSplitter();
            List<String> seen = new ArrayList<>();
            fresh.feed(Buffer.buffer(stream.substring(0, cut)), seen::add);
            fresh.feed(Buffer.buffer(stream.substring(cut)), seen::add);

            assertThat(seen).as("cut at %d", cut).containsExactly("one", "two\nlines");
        }
    }

    @Test
    void accepts_crlf_line_endings() {
        feed("data: {\"a\":1}\r\n\r\ndata: {\"b\":2}\r\n\r\n");

        assertThat(events).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void accepts_a_crlf_split_between_chunks() {
        feed("data: x\r");
        feed("\n\r");
        feed("\n");

        assertThat(events).containsExactly("x");
    }

    @Test
    void ignores_comment_lines_and_comment_only_blocks() {
        feed(": PROCESSING\n\n: keep-alive\ndata: real\n: interleaved\n\n");

        assertThat(events).containsExactly("real");
    }

    @Test
    void drops_event_and_id_fields() {
        feed("event: message\nid: 42\nretry: 1000\ndata: payload\n\n");

        assertThat(events).containsExactly("payload");
    }

    @Test
    void joins_multi_line_data_with_newlines() {
        feed("data: first\ndata: second\ndata: third\n\n");

        assertThat(events).containsExactly("first\nsecond\nthird");
    }

    @Test
    void strips_only_one_space_after_the_colon() {
        feed("data:no-space\n\ndata:  two-spaces\n\n");

        assertThat(events).containsExactly("no-space", " two-spaces");
    }

    @Test
    void delivers_an_empty_data_line_as_an_empty_event() {
        feed("data:\n\n");

        assertThat(events).containsExactly("");
    }

    @Test
    void delivers_done_as_data() {
        feed("data: [DONE]\n\n");

        assertThat(events).containsExactly("[DONE]");
    }

    @Test
    void keeps_multi_byte_utf8_characters_split_across_chunks_intact() {
        String text = "data: {\"content\":\"héllo → 世界 🙂\"}\n\n";

        feedByteByByte(text);

        assertThat(events).containsExactly("{\"content\":\"héllo → 世界 🙂\"}");
    }

    @Test
    void keeps_a_four_byte_character_split_in_its_middle_intact() {
        byte[] bytes = "data: 🙂\n\n".getBytes(StandardCharsets.UTF_8);
        int middle = "data: ".length() + 2;

        feed(Arrays.copyOfRange(bytes, 0, middle));
        feed(Arrays.copyOfRange(bytes, middle, bytes.length));

        assertThat(events).containsExactly("🙂");
    }

    @Test
    void does_not_emit_an_event_left_without_its_blank_line() {
        feed("data: complete\n\ndata: truncated\n");

        assertThat(events).containsExactly("complete");
    }

    @Test
    void does_not_modify_the_callers_chunk() {
        Buffer first = Buffer.buffer("data: a");
        Buffer second = Buffer.buffer("bc\n\n");

        splitter.feed(first, events::add);
        splitter.feed(second, events::add);

        assertThat(events).containsExactly("abc");
        assertThat(first.toString()).isEqualTo("data: a");
        assertThat(second.toString()).isEqualTo("bc\n\n");
    }
}
