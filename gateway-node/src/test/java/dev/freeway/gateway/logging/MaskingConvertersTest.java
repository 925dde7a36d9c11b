package dev.freeway.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MaskingConvertersTest {
    private final List<String> registered = new ArrayList<>();
    private RealLayoutLog log;
    private Logger logger;
    private String key;

    @BeforeEach
    void configureFromLogbackXml() throws Exception {
        log = new RealLayoutLog();
        logger = log.logger("dev.freeway.gateway.secrets.VaultKeySource");
        key = registerNew("gsk_");
    }

    @AfterEach
    void closeAndForget() {
        log.close();
        registered.forEach(KnownSecrets::forget);
    }

    private String registerNew(String prefix) {
        String value = prefix + UUID.randomUUID().toString().replace("-", "");
        KnownSecrets.register(value);
        registered.add(value);
        return value;
    }

    @Test
    void logback_xml_configures_without_warnings() {
        logger.info("started");

        assertThat(log.problems()).isEmpty();
        assertThat(log.lines()).singleElement().asString().matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .* - started");
    }

    @Test
    void masks_a_registered_key_in_the_message_and_in_its_arguments() {
        logger.info("loaded " + key);
        logger.info("loaded {} for {}", key, "groq");

        assertThat(log.output()).doesNotContain(key);
        assertThat(log.lines()).allSatisfy(line -> assertThat(line).contains("loaded [redacted]"));
    }

    @Test
    void masks_a_registered_key_in_exception_messages_causes_and_suppressed_exceptions() {
        String other = registerNew("csk-");
        IllegalStateException failure = new IllegalStateException(
                "refresh failed", new RuntimeException("403 for token " + key, new Exception("echo " + other)));
        failure.addSuppressed(new IllegalArgumentException("close failed for " + other));

        logger.warn("vault refresh failed", failure);

        assertThat(log.output())
                .doesNotContain(key, other)
                .contains(
                        "java.lang.IllegalStateException: refresh failed",
                        "Caused by: java.lang.RuntimeException: 403 for token [redacted]",
                        "Caused by: java.lang.Exception: echo [redacted]",
                        "Suppressed: java.lang.IllegalArgumentException: close failed for [redacted]",
                        "\tat dev.freeway.gateway.logging.MaskingConvertersTest.");
    }

    @Test
    void masks_an_exception_whose_toString_prints_the_key() {
        logger.error("upstream call failed", new LeakyException(key));

        assertThat(log.output()).doesNotContain(key).contains("LeakyException for key [redacted]");
    }

    @Test
    void masks_credential_shapes_that_were_never_registered() {
        logger.warn("provider said: {}", "{\"error\":\"bad key\",\"api_key\":\"sk-unregistered-1\"}");
        logger.info("upstream 401 for Bearer sk-unregistered-2");
        logger.info("GET https://generativelanguage.googleapis.com/v1beta/models?key=AIzaUnregistered3");

        assertThat(log.output()).doesNotContain("sk-unregistered-1", "sk-unregistered-2", "AIzaUnregistered3");
        assertThat(log.lines()).hasSize(3).allSatisfy(line -> assertThat(line).contains("[redacted]"));
    }

    @Test
    void keeps_a_message_with_line_breaks_on_one_line() {
        logger.info("team={}", "bob\r\n12:00:00.000 INFO  [main] dev.freeway.Admin - granted admin");

        assertThat(log.lines())
                .singleElement()
                .asString()
                .endsWith("team=bob\\r\\n12:00:00.000 INFO  [main] dev.freeway.Admin - granted admin");
    }

    @Test
    void does_not_let_an_exception_message_forge_a_log_line() {
        logger.error("bad request", new IllegalArgumentException("model\n12:00:00.000 INFO  [main] forged - ok"));

        assertThat(log.lines())
                .noneMatch(line -> line.startsWith("12:00:00.000"))
                .anySatisfy(line -> assertThat(line)
                        .isEqualTo(
                                "java.lang.IllegalArgumentException: model\\n12:00:00.000 INFO  [main] forged - ok"));
    }

    @Test
    void masks_while_keys_are_registered_and_forgotten_from_other_threads() throws Exception {
        int loggers = 3;
        int linesEach = 300;
        ExecutorService pool = Executors.newFixedThreadPool(loggers + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            tasks.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < linesEach; i++) {
                    String churn = "churn-" + UUID.randomUUID();
                    KnownSecrets.register(churn);
                    KnownSecrets.forget(churn);
                }
                return null;
            }));
            for (int t = 0; t < loggers; t++) {
                tasks.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < linesEach; i++) {
                        logger.info("dispatch {} with {}", i, key, new IllegalStateException("key " + key));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> task : tasks) {
                task.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(log.problems()).isEmpty();
        assertThat(log.output()).doesNotContain(key);
        assertThat(log.lines())
                .filteredOn(line -> line.contains(" - dispatch "))
                .hasSize(loggers * linesEach);
    }

    /** An exception whose {@code toString()} logback prints instead of class and message. */
    private static final class LeakyException extends RuntimeException {
        private final String key;

        LeakyException(String key) {
            super("upstream 401");
            this.key = key;
        }

        @Override
        public String toString() {
            return "LeakyException for key " + key;
        }
    }
}
