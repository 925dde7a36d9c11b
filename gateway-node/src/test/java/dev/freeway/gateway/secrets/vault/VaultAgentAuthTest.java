package dev.freeway.gateway.secrets.vault;

import static dev.freeway.gateway.secrets.vault.TestVaultSettings.TIMEOUT_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.VaultAuthConfig;
import dev.freeway.gateway.config.VaultSettings;
import dev.freeway.gateway.secrets.KeySourceException;
import dev.freeway.gateway.testing.MutableClock;
import dev.freeway.gateway.testing.VaultHttpDouble;
import dev.freeway.gateway.testing.VaultHttpDouble.Endpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The {@code agent} method: a Vault Agent owns the token; the node never logs in, renews or sends one. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VaultAgentAuthTest {
    private static final KeyConfig GROQ = KeyConfig.of("gsk_agent_test_key_01");
    private static final VaultAuthConfig AGENT = new VaultAuthConfig("agent", null, null, null, null, null, null);

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final VaultHttpDouble vault = new VaultHttpDouble(clock);
    private AgentProxy agent;
    private VaultKeySource source;

    @BeforeEach
    void start() throws Exception {
        vault.putKeys("groq", List.of(GROQ));
        vault.tokenTtl(Duration.ofMinutes(30), Duration.ofMinutes(60));
        vault.enableKubernetes("kubernetes", "freeway", "the-pods-jwt");
        agent = new AgentProxy(vault.address(), vault.issueToken());
        VaultSettings settings = new VaultSettings(agent.address(), AGENT, null, null, null, TIMEOUT_MS, null);
        source = new VaultKeySource(settings, clock, path -> {
            throw new AssertionError("the agent method must not read a service-account token");
        });
    }

    @AfterEach
    void close() {
        agent.close();
        vault.close();
    }

    @Test
    void keys_are_read_through_the_agent_without_a_login_a_renewal_or_a_token_of_the_nodes_own() throws Exception {
        assertThat(source.fetch().keys("groq")).containsExactly(GROQ);
        clock.advance(Duration.ofMinutes(25)); // past two thirds of the agent's token TTL
        assertThat(source.fetch().keys("groq")).containsExactly(GROQ);

        assertThat(agent.requestsWithCallerToken()).isZero();
        assertThat(vault.requests(Endpoint.KUBERNETES_LOGIN)).isZero();
        assertThat(vault.requests(Endpoint.TOKEN_LOOKUP_SELF)).isZero();
        assertThat(vault.requests(Endpoint.TOKEN_RENEW_SELF)).isZero();
    }

    @Test
    void a_403_is_reported_without_a_login_because_only_the_agent_can_get_a_new_token() throws Exception {
        source.fetch();
        vault.revokeAllTokens();

        assertThatThrownBy(source::fetch)
                .isInstanceOf(KeySourceException.class)
                .hasMessageStartingWith("LIST secret/metadata/freeway/providers: HTTP 403");
        assertThat(vault.requests(Endpoint.KUBERNETES_LOGIN)).isZero();
    }
}
