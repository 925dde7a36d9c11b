package dev.freeway.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * The end-of-suite check: no secret any test registered (every provider key, client key, admin
 * and Vault token passes through {@link KnownSecrets}) appears in anything the suite printed.
 */
final class SuiteLeakScan {
    private SuiteLeakScan() {}

    static void assertNothingLeaked() {
        assertThat(SuiteLogCapture.capturing())
                .as("the suite's output was captured")
                .isTrue();
        String printed = SuiteLogCapture.printed();
        List<String> secrets = KnownSecrets.registered();
        assertThat(secrets).as("the suite configured keys").isNotEmpty();
        for (String secret : secrets) {
            assertThat(printed.contains(secret))
                    .as(
                            "a registered secret ending in %s appears in the suite's log output",
                            secret.substring(secret.length() - 4))
                    .isFalse();
        }
    }
}
