package dev.freeway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.secrets.Secret;
import dev.freeway.gateway.testing.InMemoryTable;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IssuedKeysTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30.123Z"), ZoneOffset.UTC);

    private final InMemoryTable table = new InMemoryTable();
    private final IssuedKeys keys = new IssuedKeys(table, CLOCK);

    @Test
    void an_issued_key_has_the_visible_prefix_and_id_and_authenticates_as_its_team() {
        IssuedKeys.Issued issued = done(keys.issue("alpha"));

        assertThat(issued.key()).startsWith("fw_live_" + issued.id() + "_");
        assertThat(issued.id()).matches("[0-9a-f]{16}");
        // 256 random bits in base64url: 43 characters.
        assertThat(issued.key().substring(("fw_live_" + issued.id() + "_").length()))
                .hasSize(43);
        assertThat(issued.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(keys.authenticate(issued.key())).contains(new Team("alpha"));
    }

    @Test
    void two_issued_keys_differ() {
        IssuedKeys.Issued first = done(keys.issue("alpha"));
        IssuedKeys.Issued second = done(keys.issue("alpha"));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.key()).isNotEqualTo(first.key());
    }

    @Test
    void the_table_holds_the_digest_and_no_part_of_the_secret_beyond_the_last_four_characters() {
        IssuedKeys.Issued issued = done(keys.issue("alpha"));
        String stored = table.raw(issued.id());

        assertThat(IssuedKeyRecord.decode(stored).digest()).isEqualTo(Secret.sha256(issued.key()));
        assertThat(stored).contains(Secret.sha256Hex(issued.key()));
        String secret = issued.key().substring(issued.key().lastIndexOf('_') + 1);
        for (int i = 0; i + 6 <= secret.length(); i++) {
            assertThat(table.dump()).doesNotContain(secret.substring(i, i + 6));
        }
        assertThat(issued.toString()).doesNotContain(secret);
    }

    @Test
    void a_known_id_with_a_wrong_secret_is_refused() {
        IssuedKeys.Issued issued = done(keys.issue("alpha"));
        String key = issued.key();
        char last = key.charAt(key.length() - 1);

        assertThat(keys.authenticate(key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A')))
                .isEmpty();
        assertThat(keys.authenticate(key + "A")).isEmpty();
        assertThat(keys.authenticate(key.substring(0, key.length() - 1))).isEmpty();
        // The stored digest is not a credential.
        assertThat(keys.authenticate(Secret.sha256Hex(key))).isEmpty();
    }

    @Test
    void the_secret_of_one_key_under_the_id_of_another_is_refused() {
        IssuedKeys.Issued first = done(keys.issue("alpha"));
        IssuedKeys.Issued second = done(keys.issue("alpha"));
        String swapped = "fw_live_" + second.id() + first.key().substring(("fw_live_" + first.id()).length());

        assertThat(keys.authenticate(swapped)).isEmpty();
    }

    @Test
    void malformed_and_foreign_keys_are_refused_without_an_exception() {
        done(keys.issue("alpha"));
        List<String> malformed = List.of(
                "fw_live_",
                "fw_live__",
                "fw_live_abc",
                "fw_live_0123456789abcdef",
                "fw_live_0123456789abcdef_",
                "fw_live_0123456789ABCDEF_secret",
                "fw_live_0123456789abcde_secret",
                "fw_live_0123456789abcdef0_secret",
                "fw_live_zzzzzzzzzzzzzzzz_secret",
                "fw_live_\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9_x",
                "FW_LIVE_0123456789abcdef_secret",
                "fw_live_" + "a".repeat(10_000),
                "sk-anything",
                " ",
                "");
        for (String key : malformed) {
            assertThat(keys.authenticate(key)).as(key).isEmpty();
        }
        assertThat(keys.authenticate(null)).isEmpty();
    }

    @Test
    void the_id_is_read_only_from_a_well_formed_key() {
        assertThat(IssuedKeyFormat.idOf("fw_live_0123456789abcdef_se_cr-et")).isEqualTo("0123456789abcdef");
        assertThat(IssuedKeyFormat.idOf("fw_live_0123456789abcdef_")).isNull();
        assertThat(IssuedKeyFormat.idOf("fw_live_0123456789abcdeg_secret")).isNull();
        assertThat(IssuedKeyFormat.idOf("fw_live_01234567_89abcdef_secret")).isNull();
        assertThat(IssuedKeyFormat.idOf(null)).isNull();
    }

    @Test
    void a_revoked_key_is_refused_and_listed_as_revoked() {
        IssuedKeys.Issued issued = done(keys.issue("alpha"));

        assertThat(done(keys.revoke("alpha", issued.id()))).isTrue();

        assertThat(keys.authenticate(issued.key())).isEmpty();
        assertThat(keys.list("alpha"))
                .containsExactly(new IssuedKeys.Listed(
                        issued.id(),
                        CLOCK.instant(),
                        true,
                        issued.key().substring(issued.key().length() - 4)));
        assertThat(IssuedKeyRecord.decode(table.raw(issued.id())).revoked()).isTrue();
    }

    @Test
    void revoking_an_unknown_id_or_another_teams_key_finds_nothing() {
        IssuedKeys.Issued issued = done(keys.issue("alpha"));

        assertThat(done(keys.revoke("alpha", "0123456789abcdef"))).isFalse();
        assertThat(done(keys.revoke("beta", issued.id()))).isFalse();
        assertThat(keys.authenticate(issued.key())).contains(new Team("alpha"));
        assertThat(keys.list("beta")).isEmpty();
    }

    @Test
    void a_revocation_made_on_another_node_reaches_this_nodes_mirror() {
        IssuedKeys otherNode = new IssuedKeys(table, CLOCK);
        IssuedKeys.Issued issued = done(otherNode.issue("alpha"));
        assertThat(keys.authenticate(issued.key())).contains(new Team("alpha"));

        done(otherNode.revoke("alpha", issued.id()));

        assertThat(keys.authenticate(issued.key())).isEmpty();
    }

    @Test
    void a_late_event_carrying_the_unrevoked_record_does_not_bring_the_key_back() {
        IssuedKeys.Issued issued = done(keys.issue("alpha"));
        String beforeRevocation = table.raw(issued.id());
        done(keys.revoke("alpha", issued.id()));

        table.replay(issued.id(), beforeRevocation);

        assertThat(keys.authenticate(issued.key())).isEmpty();
    }

    @Test
    void a_node_started_later_learns_the_existing_keys() {
        IssuedKeys.Issued live = done(keys.issue("alpha"));
        IssuedKeys.Issued revoked = done(keys.issue("alpha"));
        done(keys.revoke("alpha", revoked.id()));

        IssuedKeys later = new IssuedKeys(table, CLOCK);

        assertThat(later.authenticate(live.key())).contains(new Team("alpha"));
        assertThat(later.authenticate(revoked.key())).isEmpty();
    }

    @Test
    void an_unreadable_record_authenticates_nothing_and_breaks_nothing() {
        IssuedKeys.Issued issued = done(keys.issue("alpha"));

        table.put("0123456789abcdef", "not json");

        assertThat(keys.authenticate("fw_live_0123456789abcdef_secret")).isEmpty();
        assertThat(keys.authenticate(issued.key())).contains(new Team("alpha"));
    }

    private static <T> T done(Future<T> future) {
        assertThat(future.succeeded()).as("completed").isTrue();
        return future.result();
    }
}
