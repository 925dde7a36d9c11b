package dev.freeway.gateway.secrets.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.VaultAuthConfig;
import dev.freeway.gateway.config.VaultSettings;
import dev.freeway.gateway.secrets.KeySnapshot;
import dev.freeway.gateway.secrets.KeySourceException;
import java.time.Clock;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.vault.VaultContainer;

/**
 * The key source against a real Vault in dev mode (in memory, unsealed, KV v2 at {@code secret/}).
 * Needs Docker: tagged {@code docker}, so only {@code -Pdocker-tests} (the docker-it workflow) runs it,
 * and skipped there too when no Docker daemon answers.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VaultContainerTest {
    private static final String ROOT_TOKEN = "freeway-dev-root";
    private static final String GROQ = "secret/freeway/providers/groq";
    private static final String POLICY = "{\"path\":{"
            + "\"secret/data/freeway/providers/*\":{\"capabilities\":[\"read\"]},"
            + "\"secret/metadata/freeway/providers\":{\"capabilities\":[\"list\"]}}}";

    @Container
    private static final VaultContainer<?> VAULT = new VaultContainer<>(DockerImageName.parse("hashicorp/vault:1.17.2"))
            .withVaultToken(ROOT_TOKEN)
            .withInitCommand(
                    // Repeating a field makes the CLI write a list.
                    "kv put " + GROQ + " keys=gsk_container_a keys=gsk_container_b",
                    "auth enable approle",
                    "write sys/policies/acl/freeway policy='" + POLICY + "'",
                    "write auth/approle/role/freeway token_policies=freeway token_ttl=20m token_max_ttl=1h");

    private static VaultKeySource source(VaultAuthConfig auth, String path) {
        VaultSettings settings =
                new VaultSettings(VAULT.getHttpHostAddress(), auth, "secret", path, null, 5_000L, null);
        return new VaultKeySource(settings, Clock.systemUTC(), TokenFileReader.fromDisk());
    }

    private static String exec(String... command) throws Exception {
        ExecResult result = VAULT.execInContainer(command);
        assertThat(result.getExitCode()).as(result.getStderr()).isZero();
        return result.getStdout().strip();
    }

    @Test
    @Order(1)
    void reads_the_keys_written_by_the_cli_then_a_new_version_written_later() throws Exception {
        VaultKeySource source =
                source(new VaultAuthConfig("token", ROOT_TOKEN, null, null, null, null, null), "freeway/providers");

        KeySnapshot first = source.fetch();
        assertThat(first.keys("groq"))
                .containsExactly(KeyConfig.of("gsk_container_a"), KeyConfig.of("gsk_container_b"));
        assertThat(first.version()).isEqualTo("groq@1");

        // Objects need JSON; the CLI reads it from stdin with "-".
        exec(
                "/bin/sh",
                "-c",
                "echo '{\"keys\":[\"gsk_container_b\",{\"value\":\"gsk_container_c\",\"project\":\"p\"}]}'"
                        + " | vault kv put " + GROQ + " -");

        KeySnapshot rotated = source.fetch();
        assertThat(rotated.keys("groq"))
                .containsExactly(KeyConfig.of("gsk_container_b"), new KeyConfig("gsk_container_c", null, "p"));
        assertThat(rotated.version()).isEqualTo("groq@2");
    }

    @Test
    @Order(2)
    void logs_in_with_approle_and_reads_under_a_read_only_policy() throws Exception {
        String roleId = exec("vault", "read", "-field=role_id", "auth/approle/role/freeway/role-id");
        String secretId = exec("vault", "write", "-f", "-field=secret_id", "auth/approle/role/freeway/secret-id");
        VaultKeySource source =
                source(new VaultAuthConfig("approle", null, roleId, secretId, null, null, null), "freeway/providers");

        assertThat(source.fetch().keys("groq")).contains(KeyConfig.of("gsk_container_b"));
    }

    @Test
    @Order(3)
    void a_path_that_does_not_exist_is_a_404_failure_not_an_empty_snapshot() {
        VaultKeySource source =
                source(new VaultAuthConfig("token", ROOT_TOKEN, null, null, null, null, null), "freeway/nothing");

        assertThatThrownBy(source::fetch)
                .isInstanceOf(KeySourceException.class)
                .hasMessage("LIST secret/metadata/freeway/nothing: HTTP 404 (not found)");
    }
}
