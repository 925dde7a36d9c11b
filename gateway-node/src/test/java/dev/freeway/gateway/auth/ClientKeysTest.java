package dev.freeway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.config.ClientKeyConfig;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClientKeysTest {
    /** SHA-256("abc"), the FIPS 180-2 test vector. */
    private static final String SHA256_OF_ABC =
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static final String ALPHA_KEY = "sk-alpha-client-key-0001";

    private final ClientKeys keys = ClientKeys.from(
            List.of(new ClientKeyConfig(ALPHA_KEY, null, "alpha"), new ClientKeyConfig(null, SHA256_OF_ABC, "beta")));

    @Test
    void maps_a_plain_key_to_its_team() {
        assertThat(keys.authenticate(ALPHA_KEY)).contains(new Team("alpha"));
    }

    @Test
    void maps_a_key_matching_a_stored_hash_to_its_team() {
        assertThat(keys.authenticate("abc")).contains(new Team("beta"));
    }

    @Test
    void rejects_a_wrong_key() {
        assertThat(keys.authenticate("sk-alpha-client-key-0002")).isEmpty();
        assertThat(keys.authenticate(ALPHA_KEY + " ")).isEmpty();
        assertThat(keys.authenticate("ABC")).isEmpty();
    }

    @Test
    void rejects_an_empty_or_missing_key() {
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
    }

    @Test
    void does_not_accept_the_stored_hash_itself_as_a_key() {
        assertThat(keys.authenticate(SHA256_OF_ABC)).isEmpty();
        assertThat(keys.authenticate(SHA256_OF_ABC.substring("sha256:".length())))
                .isEmpty();
    }

    @Test
    void still_finds_the_team_when_the_same_digest_is_listed_twice() {
        ClientKeys twice = ClientKeys.from(
                List.of(new ClientKeyConfig("abc", null, "beta"), new ClientKeyConfig(null, SHA256_OF_ABC, "beta")));

        assertThat(twice.authenticate("abc")).contains(new Team("beta"));
        assertThat(twice.size()).isEqualTo(2);
    }

    @Test
    void a_digest_listed_for_two_teams_still_authenticates_as_one_of_them() {
        ClientKeys twice = ClientKeys.from(
                List.of(new ClientKeyConfig("abc", null, "alpha"), new ClientKeyConfig(null, SHA256_OF_ABC, "beta")));

        assertThat(twice.authenticate("abc")).get().isIn(new Team("alpha"), new Team("beta"));
    }

    @Test
    void with_no_configured_keys_rejects_everything() {
        ClientKeys none = ClientKeys.from(List.of());

        assertThat(none.size()).isZero();
        assertThat(none.authenticate(ALPHA_KEY)).isEmpty();
    }

    @Test
    void a_key_entry_with_an_empty_hash_authenticates_by_its_key() {
        ClientKeys keys = ClientKeys.from(List.of(new ClientKeyConfig(ALPHA_KEY, "", "alpha")));

        assertThat(keys.authenticate(ALPHA_KEY)).contains(new Team("alpha"));
    }
}
