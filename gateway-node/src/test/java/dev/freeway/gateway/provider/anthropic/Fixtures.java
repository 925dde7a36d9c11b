package dev.freeway.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.json.Json;
import dev.freeway.gateway.provider.wire.WireCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The golden files under {@code fixtures/anthropic}, and the fixed call they are translated for. */
final class Fixtures {
    /** A made-up key: the fixtures expect it in {@code x-api-key} and nowhere else. */
    static final String API_KEY = "test-key-not-a-real-one";

    static final String COMPLETION_ID = "chatcmpl-fixture";
    static final long CREATED = 1730000000L;
    private static final String DEFAULT_REQUEST =
            "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    private static final Path DIR = directory();

    private Fixtures() {}

    /** Case names of the files called {@code <prefix><case><suffix>}, sorted. */
    static Stream<String> cases(String prefix, String suffix) {
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> names = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith(prefix) && name.endsWith(suffix))
                    .map(name -> name.substring(prefix.length(), name.length() - suffix.length()))
                    .sorted()
                    .toList();
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean exists(String file) {
        return Files.exists(DIR.resolve(file));
    }

    static String text(String file) {
        try {
            return Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String file) {
        return parse(text(file));
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A node as a client reads it: serialised and parsed again, so that a {@code long} 25 the
     * translator built equals the {@code int} 25 a golden file holds, as it does on the wire.
     */
    static JsonNode asSent(JsonNode node) {
        return parse(node.toString());
    }

    /** The client request of a case: {@code request-<case>.openai.json} when there is one. */
    static ObjectNode requestFor(String name) {
        String file = "request-" + name + ".openai.json";
        return (ObjectNode) (exists(file) ? json(file) : parse(DEFAULT_REQUEST));
    }

    /** The call as the provider would make it, with the client's model name as the upstream one. */
    static WireCall call(ObjectNode request) {
        return new WireCall(
                request,
                request.path("model").asText(),
                API_KEY,
                request.path("stream").asBoolean(false),
                COMPLETION_ID,
                CREATED);
    }

    private static Path directory() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/anthropic").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
