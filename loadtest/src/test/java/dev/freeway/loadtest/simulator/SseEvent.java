package dev.freeway.loadtest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One server-sent event of a stream body, as a strict client reads it: optional {@code event:} line, one
 * {@code data:} line of JSON, nothing else.
 *
 * @param name the {@code event:} name, or null when the event has none
 */
record SseEvent(String name, JsonNode data) {

    /** Parses a complete stream body; lines may end with LF or CRLF. */
    static List<SseEvent> parse(String body) {
        String text = body.replace("\r\n", "\n");
        assertThat(text).as("the body ends with a complete event").endsWith("\n\n");
        List<SseEvent> events = new ArrayList<>();
        for (String block : text.substring(0, text.length() - 2).split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring("event: ".length());
                } else {
                    assertThat(line).startsWith("data: ");
                    assertThat(data).as("one data line per event").isNull();
                    data = line.substring("data: ".length());
                }
            }
            assertThat(data).as("event without data: " + block).isNotNull();
            events.add(new SseEvent(name, SimClient.json(data)));
        }
        return events;
    }

    static List<String> names(List<SseEvent> events) {
        return events.stream().map(SseEvent::name).toList();
    }
}
