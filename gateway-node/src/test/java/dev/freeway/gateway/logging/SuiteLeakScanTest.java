package dev.freeway.gateway.logging;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs after every other unit test of the run (see junit-platform.properties). */
@Order(Integer.MAX_VALUE)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SuiteLeakScanTest {

    @Test
    void no_key_configured_anywhere_in_the_unit_tests_appears_in_what_they_printed() {
        SuiteLeakScan.assertNothingLeaked();
    }
}
