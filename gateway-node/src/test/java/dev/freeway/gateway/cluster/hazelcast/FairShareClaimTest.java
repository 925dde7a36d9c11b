package dev.freeway.gateway.cluster.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FairShareClaimTest {
    private final Map.Entry<String, String> window = new AbstractMap.SimpleEntry<>("scope|1", null);

    private int claims(String team, int weight, long limit, int times) {
        int granted = 0;
        for (int i = 0; i < times; i++) {
            if (new FairShareClaim(team, weight, limit).process(window)) {
                granted++;
            }
        }
        return granted;
    }

    @Test
    void teams_that_both_want_more_split_the_window_by_weight() {
        int alpha = 0;
        int beta = 0;
        for (int i = 0; i < 90; i++) {
            alpha += claims("alpha", 2, 30, 1);
            beta += claims("beta", 1, 30, 1);
        }

        assertThat(alpha).isEqualTo(20);
        assertThat(beta).isEqualTo(10);
    }

    @Test
    void a_team_alone_gets_the_whole_window() {
        assertThat(claims("alpha", 1, 30, 50)).isEqualTo(30);
    }

    @Test
    void a_light_team_keeps_its_unused_share_and_the_heavy_team_takes_the_rest() {
        claims("beta", 1, 30, 3);

        int alpha = claims("alpha", 1, 30, 50);

        assertThat(alpha).as("30 minus the 12 beta may still claim of its 15").isEqualTo(15);
        assertThat(claims("beta", 1, 30, 20)).isEqualTo(12);
    }

    @Test
    void the_tally_is_plain_text_without_key_material() {
        claims("alpha", 2, 30, 3);

        assertThat(window.getValue()).isEqualTo("alpha 2 3");
        assertThat(FairShareClaim.parse(window.getValue()).get("alpha")).containsExactly(2, 3);
    }
}
