package dev.freeway.gateway.provider.cohere;

import static dev.freeway.gateway.provider.cohere.CohereFixtures.json;
import static dev.freeway.gateway.provider.cohere.CohereFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.wire.ErrorReading;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CohereErrorsTest {
    private final CohereFormat format = new CohereFormat();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"429-per-minute", "429-past-per-minute-limit", "429-trial-month", "401", "400"})
    void reads_the_error_as_documented(String name) {
        JsonNode fixture = json("error-" + name + ".json");
        JsonNode expected = fixture.path("expected");

        ErrorReading reading = format.error(fixture.path("status").asInt(), fixture.path("body"));

        assertThat(reading)
                .isEqualTo(new ErrorReading(
                        Kind.valueOf(expected.path("kind").asText()),
                        Axis.valueOf(expected.path("axis").asText()),
                        expected.path("retry_after_millis").asLong(),
                        expected.path("message").asText()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "402, OUT_OF_CREDIT",
        "403, KEY_REJECTED",
        "422, CLIENT_ERROR",
        "498, KEY_REJECTED",
        "499, SERVER_ERROR",
        "500, SERVER_ERROR",
        "503, OVERLOADED",
        "504, TIMEOUT"
    })
    void classifies_the_other_documented_statuses(int status, Kind kind) {
        ErrorReading reading = format.error(status, parse("{\"id\":\"x\",\"message\":\"m\"}"));

        assertThat(reading.kind()).isEqualTo(kind);
        assertThat(reading.axis()).isEqualTo(Axis.UNKNOWN);
    }

    @Test
    void leaves_undocumented_statuses_to_the_status() {
        assertThat(format.error(404, parse("{\"message\":\"model not found\"}")).kind())
                .isNull();
    }

    @Test
    void does_not_guess_the_window_of_a_rate_limit_that_names_none() {
        ErrorReading reading = format.error(429, parse("{\"message\":\"Trial keys are throttled.\"}"));

        assertThat(reading.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(reading.axis()).isEqualTo(Axis.UNKNOWN);
    }

    @Test
    void reads_a_body_that_was_not_json() {
        ErrorReading reading = format.error(503, MissingNode.getInstance());

        assertThat(reading.kind()).isEqualTo(Kind.OVERLOADED);
        assertThat(reading.message()).isEmpty();
    }
}
