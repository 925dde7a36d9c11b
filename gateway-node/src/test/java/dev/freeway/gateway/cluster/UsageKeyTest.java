package dev.freeway.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UsageKeyTest {

    @Test
    void a_key_reads_back_as_written_even_with_separators_in_its_names() {
        UsageKey key = new UsageKey("2026-11-23", "a|b", "groq", "meta/llama|x", "groq#ab12/meta/llama|x");

        assertThat(UsageKey.decode(key.encode())).isEqualTo(key);
    }

    @Test
    void a_teams_prefix_matches_its_own_keys_only() {
        String prefix = UsageKey.prefix("2026-11-23", "alpha");

        assertThat(new UsageKey("2026-11-23", "alpha", "p", "m", "s").encode()).startsWith(prefix);
        assertThat(new UsageKey("2026-11-23", "alphabet", "p", "m", "s").encode())
                .doesNotStartWith(prefix);
        assertThat(new UsageKey("2026-11-24", "alpha", "p", "m", "s").encode()).doesNotStartWith(prefix);
    }

    @Test
    void counters_in_the_older_day_and_scope_layout_are_not_read_as_keys() {
        assertThat(UsageKey.readable("2026-11-23|groq#ab12/llama")).isFalse();
        assertThat(UsageKey.readable(new UsageKey("d", "t", "p", "m", "s").encode()))
                .isTrue();
    }
}
