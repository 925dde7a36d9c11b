package dev.freeway.gateway.secrets.vault;

import static dev.freeway.gateway.secrets.vault.TestVaultSettings.appRole;
import static dev.freeway.gateway.secrets.vault.TestVaultSettings.kubernetes;
import static dev.freeway.gateway.secrets.vault.TestVaultSettings.settings;
import static dev.freeway.gateway.secrets.vault.TestVaultSettings.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.secrets.KeySourceException;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.VaultHttpDouble;
import dev.freeway.gateway.testing.VaultHttpDouble.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token lifetimes: renewal at two thirds of the TTL, re-login, and one retry after a 403. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VaultKeySourceAuthTest {
    private static final KeyConfig GROQ = KeyConfig.of("gsk_auth_test_key_01");

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final VaultHttpDouble vault = new VaultHttpDouble(clock);

    @BeforeEach
    void keys() {
        vault.putKeys("groq", List.of(GROQ));
        vault.tokenTtl(Duration.ofMinutes(30), Duration.ofMinutes(60));
        vault.enableAppRole("approle", "role-freeway", "secret-id-0001");
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private VaultKeySource appRoleSource() {
        return new VaultKeySource(
                settings(vault, appRole("role-freeway", "secret-id-0001")), clock, TokenFileReader.fromDisk());
    }

    @Test
    void a_given_token_is_looked_up_once_and_renewed_only_after_two_thirds_of_its_ttl() throws Exception {
        VaultKeySource source =
                new VaultKeySource(settings(vault, token(vault.issueToken())), clock, TokenFileReader.fromDisk());

        source.fetch();
        clock.advance(Duration.ofMinutes(19));
        source.fetch();
        assertThat(vault.requests(Endpoint.TOKEN_LOOKUP_SELF)).isEqualTo(1);
        assertThat(vault.requests(Endpoint.TOKEN_RENEW_SELF)).isZero();

        clock.advance(Duration.ofMinutes(1));
        source.fetch();
        assertThat(vault.requests(Endpoint.TOKEN_RENEW_SELF)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(15));
        assertThat(source.fetch().keys("groq"))
                .as("past the first TTL the renewed token still reads")
                .containsExactly(GROQ);
    }

    @Test
    void a_given_token_at_its_max_ttl_is_reported_because_the_token_method_cannot_log_in_again() throws Exception {
        String token = vault.issueToken();
        VaultKeySource source = new VaultKeySource(settings(vault, token(token)), clock, TokenFileReader.fromDisk());
        source.fetch();

        clock.advance(Duration.ofMinutes(21)); // due at 20: renewed to 51
        source.fetch();
        clock.advance(Duration.ofMinutes(20)); // at 41, due at 41: renewed to 60, the max
        source.fetch();
        clock.advance(Duration.ofMinutes(13)); // at 54, due at 53:40: renewal no longer extends it

        assertThatThrownBy(source::fetch)
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("has reached its max TTL")
                .hasMessageContaining("the token auth method cannot log in again")
                .hasMessageNotContaining(token);
        assertThat(vault.requests(Endpoint.TOKEN_LOOKUP_SELF)).isEqualTo(1);
    }

    @Test
    void a_failed_renewal_of_a_given_token_is_reported_and_retried_at_the_next_fetch() throws Exception {
        VaultKeySource source =
                new VaultKeySource(settings(vault, token(vault.issueToken())), clock, TokenFileReader.fromDisk());
        source.fetch();
        clock.advance(Duration.ofMinutes(21));
        vault.failNext(Endpoint.TOKEN_RENEW_SELF, 503, 1, "{\"errors\":[\"standby\"]}");

        assertThatThrownBy(source::fetch).hasMessageContaining("could not be renewed: token renew-self: HTTP 503");
        assertThat(source.fetch().keys("groq")).containsExactly(GROQ);
        assertThat(vault.requests(Endpoint.TOKEN_RENEW_SELF)).isEqualTo(2);
    }

    @Test
    void a_root_token_without_ttl_is_never_renewed() throws Exception {
        VaultKeySource source =
                new VaultKeySource(settings(vault, token(vault.rootToken())), clock, TokenFileReader.fromDisk());
        source.fetch();
        clock.advance(Duration.ofDays(400));

        assertThat(source.fetch().keys("groq")).containsExactly(GROQ);
        assertThat(vault.requests(Endpoint.TOKEN_RENEW_SELF)).isZero();
    }

    @Test
    void approle_renews_until_the_max_ttl_then_logs_in_again() throws Exception {
        VaultKeySource source = appRoleSource();
        source.fetch();
        assertThat(vault.requests(Endpoint.APPROLE_LOGIN)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(21)); // due at 20: renewed to 51
        source.fetch();
        clock.advance(Duration.ofMinutes(20)); // at 41, due at 41: renewed to 60, the max
        source.fetch();
        assertThat(vault.requests(Endpoint.TOKEN_RENEW_SELF)).isEqualTo(2);
        assertThat(vault.requests(Endpoint.APPROLE_LOGIN)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(13)); // at 54, due at 53:40: renewal no longer extends it
        assertThat(source.fetch().keys("groq")).containsExactly(GROQ);
        assertThat(vault.requests(Endpoint.TOKEN_RENEW_SELF)).isEqualTo(3);
        assertThat(vault.requests(Endpoint.APPROLE_LOGIN)).isEqualTo(2);
    }

    @Test
    void approle_past_the_max_ttl_logs_in_again_without_trying_to_renew_a_dead_token() throws Exception {
        VaultKeySource source = appRoleSource();
        source.fetch();

        clock.advance(Duration.ofMinutes(61));

        assertThat(source.fetch().keys("groq")).containsExactly(GROQ);
        assertThat(vault.requests(Endpoint.APPROLE_LOGIN)).isEqualTo(2);
        assertThat(vault.requests(Endpoint.TOKEN_RENEW_SELF)).isZero();
    }

    @Test
    void a_revoked_token_gets_one_new_login_and_the_read_then_succeeds() throws Exception {
        VaultKeySource source = appRoleSource();
        source.fetch();
        vault.revokeAllTokens();

        assertThat(source.fetch().keys("groq")).containsExactly(GROQ);
        assertThat(vault.requests(Endpoint.APPROLE_LOGIN)).isEqualTo(2);
        assertThat(vault.requests(Endpoint.KV_LIST)).isEqualTo(3);
    }

    @Test
    void a_403_that_survives_the_new_login_fails_after_exactly_one_retry() throws Exception {
        VaultKeySource source = appRoleSource();
        source.fetch();
        vault.failNext(Endpoint.KV_READ, 403, 5, "{\"errors\":[\"permission denied\"]}");

        assertThatThrownBy(source::fetch).hasMessageStartingWith("READ secret/data/freeway/providers/groq: HTTP 403");
        assertThat(vault.requests(Endpoint.APPROLE_LOGIN)).isEqualTo(2);
        assertThat(vault.requests(Endpoint.KV_READ)).isEqualTo(3);
    }

    @Test
    void a_given_token_refused_with_403_is_not_retried() throws Exception {
        VaultKeySource source =
                new VaultKeySource(settings(vault, token(vault.issueToken())), clock, TokenFileReader.fromDisk());
        source.fetch();
        vault.revokeAllTokens();

        assertThatThrownBy(source::fetch).hasMessageStartingWith("LIST secret/metadata/freeway/providers: HTTP 403");
        assertThat(vault.requests(Endpoint.KV_LIST)).isEqualTo(2);
    }

    @Test
    void wrong_approle_credentials_fail_without_naming_the_secret_id() {
        VaultKeySource source = new VaultKeySource(
                settings(vault, appRole("role-freeway", "secret-id-wrong")), clock, TokenFileReader.fromDisk());

        assertThatThrownBy(source::fetch)
                .hasMessage("approle login auth/approle/login: HTTP 400")
                .hasMessageNotContaining("secret-id-wrong");
    }

    @Test
    void kubernetes_reads_the_jwt_file_again_at_every_login(@TempDir Path dir) throws Exception {
        Path jwtFile = dir.resolve("token");
        Files.writeString(jwtFile, "jwt-one\n");
        vault.enableKubernetes("kubernetes", "freeway", "jwt-one");
        List<String> read = new ArrayList<>();
        TokenFileReader counting = path -> {
            String jwt = TokenFileReader.fromDisk().read(path);
            read.add(jwt);
            return jwt;
        };
        VaultKeySource source =
                new VaultKeySource(settings(vault, kubernetes("freeway", jwtFile.toString())), clock, counting);
        source.fetch();

        // The kubelet rotates the projected token; Vault only accepts the new one.
        Files.writeString(jwtFile, "jwt-two\n");
        vault.expectJwt("jwt-two");
        clock.advance(Duration.ofMinutes(61));

        assertThat(source.fetch().keys("groq")).containsExactly(GROQ);
        assertThat(read).containsExactly("jwt-one", "jwt-two");
        assertThat(vault.requests(Endpoint.KUBERNETES_LOGIN)).isEqualTo(2);
    }

    @Test
    void kubernetes_after_a_403_logs_in_with_the_current_jwt(@TempDir Path dir) throws Exception {
        Path jwtFile = dir.resolve("token");
        Files.writeString(jwtFile, "jwt-one");
        vault.enableKubernetes("kubernetes", "freeway", "jwt-one");
        VaultKeySource source = new VaultKeySource(
                settings(vault, kubernetes("freeway", jwtFile.toString())), clock, TokenFileReader.fromDisk());
        source.fetch();

        Files.writeString(jwtFile, "jwt-two");
        vault.expectJwt("jwt-two");
        vault.revokeAllTokens();

        assertThat(source.fetch().keys("groq")).containsExactly(GROQ);
        assertThat(vault.requests(Endpoint.KUBERNETES_LOGIN)).isEqualTo(2);
    }

    @Test
    void a_missing_jwt_file_fails_naming_the_file(@TempDir Path dir) {
        vault.enableKubernetes("kubernetes", "freeway", "jwt-one");
        Path missing = dir.resolve("absent");
        VaultKeySource source = new VaultKeySource(
                settings(vault, kubernetes("freeway", missing.toString())), clock, TokenFileReader.fromDisk());

        assertThatThrownBy(source::fetch)
                .hasMessage("kubernetes login auth/kubernetes/login: cannot read the service-account token " + missing
                        + " (NoSuchFileException)");
        assertThat(vault.requests(Endpoint.KUBERNETES_LOGIN)).isZero();
    }
}
