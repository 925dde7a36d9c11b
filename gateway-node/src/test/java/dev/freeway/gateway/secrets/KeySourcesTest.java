package dev.freeway.gateway.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.LocalStoreConfig;
import dev.freeway.gateway.config.SecretsConfig;
import dev.freeway.gateway.secrets.local.LocalKeySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeySourcesTest {
    @TempDir
    Path dir;

    @Test
    void a_local_store_that_the_master_key_cannot_open_stops_start_up_with_the_reason() throws Exception {
        LocalStoreConfig store = new LocalStoreConfig(
                dir.resolve("keys.enc").toString(), dir.resolve("master.key").toString(), null);
        LocalKeySource.open(store, Map.of()).add("groq", KeyConfig.of("gsk-written-with-the-first-key"));
        Files.writeString(dir.resolve("master.key"), Base64.getEncoder().encodeToString(new byte[32]));

        IllegalStateException failure = catchThrowableOfType(
                IllegalStateException.class,
                () -> KeySources.create(new SecretsConfig("local", store, null), Clock.systemUTC()));

        assertThat(failure.getMessage())
                .contains("cannot be opened with this master key")
                .doesNotContain("gsk-written-with-the-first-key");
    }

    @Test
    void a_readable_local_store_is_the_source() {
        LocalStoreConfig store = new LocalStoreConfig(
                dir.resolve("keys.enc").toString(), dir.resolve("master.key").toString(), null);

        assertThat(KeySources.create(new SecretsConfig("local", store, null), Clock.systemUTC()))
                .hasValueSatisfying(source -> assertThat(source.describe()).contains("keys.enc"));
        assertThat(KeySources.create(SecretsConfig.defaults(), Clock.systemUTC()))
                .isEmpty();
    }
}
