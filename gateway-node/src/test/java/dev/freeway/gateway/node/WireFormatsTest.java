package dev.freeway.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.config.ProviderConfig;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WireFormatsTest {

    @Test
    void every_format_the_config_accepts_has_an_adapter() {
        assertThat(WireFormats.names()).containsExactlyInAnyOrderElementsOf(ProviderConfig.FORMATS);
    }
}
