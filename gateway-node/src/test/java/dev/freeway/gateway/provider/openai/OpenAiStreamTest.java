package dev.freeway.gateway.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpenAiStreamTest {

    @Test
    void recognises_a_usage_object_whatever_the_spacing() {
        assertThat(OpenAiStream.carriesUsage("{\"choices\":[],\"usage\":{\"prompt_tokens\":3}}"))
                .isTrue();
        assertThat(OpenAiStream.carriesUsage("{\"usage\" : \n {\"prompt_tokens\":3}}"))
                .isTrue();
    }

    @Test
    void ignores_null_usage_and_chunks_without_usage() {
        assertThat(OpenAiStream.carriesUsage("{\"choices\":[{\"delta\":{}}],\"usage\":null}"))
                .isFalse();
        assertThat(OpenAiStream.carriesUsage("{\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}"))
                .isFalse();
        assertThat(OpenAiStream.carriesUsage("{\"usage\"")).isFalse();
    }

    @Test
    void drops_the_null_usage_field_the_gateway_caused() {
        assertThat(OpenAiStream.withoutNullUsage("{\"id\":\"c\",\"choices\":[],\"usage\":null}"))
                .isEqualTo("{\"id\":\"c\",\"choices\":[]}");
        assertThat(OpenAiStream.withoutNullUsage("{\"id\":\"c\"}")).isEqualTo("{\"id\":\"c\"}");
    }
}
