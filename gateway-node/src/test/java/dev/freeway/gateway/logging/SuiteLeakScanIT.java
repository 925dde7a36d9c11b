package dev.freeway.gateway.logging;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs after every other integration test of the run (see junit-platform.properties). */
@Order(Integer.MAX_VALUE)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SuiteLeakScanIT {

    @Test
    void no_key_configured_anywhere_in_the_integration_tests_appears_in_what_they_printed() {
        SuiteLeakScan.assertNothingLeaked();
    }
}
