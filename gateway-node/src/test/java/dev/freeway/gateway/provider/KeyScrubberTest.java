package dev.freeway.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.secrets.ProviderKey;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeyScrubberTest {
    private final ProviderKey key = ProviderKey.of("gsk_live_1234567890abcdef");

    @Test
    void removes_every_echo_of_the_key() {
        Buffer body = Buffer.buffer(
                "{\"error\":{\"message\":\"Invalid API key gsk_live_1234567890abcdef (gsk_live_1234567890abcdef)\"}}");
        assertThat(KeyScrubber.scrub(body, key).toString())
                .doesNotContain("gsk_live_1234567890abcdef")
                .contains("Invalid API key [redacted] ([redacted])");
    }

    @Test
    void leaves_other_bodies_alone() {
        Buffer body = Buffer.buffer("{\"error\":{\"message\":\"bad request\"}}");
        assertThat(KeyScrubber.scrub(body, key)).isSameAs(body);
        assertThat(KeyScrubber.scrub(null, key)).isNull();
    }
}
