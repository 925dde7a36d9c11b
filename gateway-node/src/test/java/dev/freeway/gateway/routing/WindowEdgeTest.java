package dev.freeway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.config.LimitsConfig;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.limits.Reservation;
import dev.freeway.gateway.secrets.ProviderKey;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WindowEdgeTest {
    private static final Limits RPM = new Limits(10, 0, 0, 0);
    private final WindowEdge edge = new WindowEdge(100, millis -> Future.succeededFuture());

    @Test
    void a_call_well_inside_its_window_leaves_under_its_admission() {
        assertThat(edge.readmitAfterMillis(admitted(RPM, "10:00:59.000"), at("10:00:59.899")))
                .isEqualTo(-1);
    }

    @Test
    void a_call_within_the_guard_of_the_window_end_waits_for_the_next_window() {
        assertThat(edge.readmitAfterMillis(admitted(RPM, "10:00:59.000"), at("10:00:59.950")))
                .isEqualTo(50);
        assertThat(edge.readmitAfterMillis(admitted(RPM, "10:00:59.999"), at("10:00:59.999")))
                .isEqualTo(1);
    }

    @Test
    void a_request_at_a_window_end_is_held_before_its_admission() {
        assertThat(edge.holdBeforeAdmissionMillis(
                        candidate(new LimitsConfig(10L, null, null, null)), 0, at("10:00:59.950")))
                .isEqualTo(50);
        assertThat(edge.holdBeforeAdmissionMillis(
                        candidate(new LimitsConfig(10L, null, null, null)), 0, at("10:00:59.800")))
                .isEqualTo(-1);
        assertThat(edge.holdBeforeAdmissionMillis(candidate(null), 0, at("10:00:59.950")))
                .as("no limits: nothing to keep in a window")
                .isEqualTo(-1);
        assertThat(edge.holdBeforeAdmissionMillis(
                        candidate(new LimitsConfig(null, null, 1000L, null)), 0, at("10:00:59.950")))
                .as("a token window and no tokens to reserve")
                .isEqualTo(-1);
    }

    @Test
    void an_admission_whose_window_has_ended_is_taken_again_at_once() {
        assertThat(edge.readmitAfterMillis(admitted(RPM, "10:00:59.990"), at("10:01:00.000")))
                .isZero();
        assertThat(edge.readmitAfterMillis(admitted(new Limits(0, 1000, 0, 0), "23:59:59.990"), at("00:00:00.001", 24)))
                .as("a daily window")
                .isZero();
    }

    @Test
    void token_windows_count_when_the_admission_reserved_tokens() {
        Limits tpm = new Limits(0, 0, 10_000, 0);
        assertThat(edge.readmitAfterMillis(admitted(tpm, "10:00:59.990", 500), at("10:01:00.010")))
                .isZero();
        assertThat(edge.readmitAfterMillis(admitted(tpm, "10:00:59.990", 0), at("10:01:00.010")))
                .as("nothing reserved in a token window: nothing to keep in it")
                .isEqualTo(-1);
    }

    @Test
    void local_admissions_count_too_and_unmetered_ones_are_left_alone() {
        long now = at("10:01:00.010");
        assertThat(edge.readmitAfterMillis(
                        new Admitted(List.of(Reservation.local("s", RPM, 0, at("10:00:59.990")))), now))
                .isZero();
        assertThat(edge.readmitAfterMillis(new Admitted(List.of(Reservation.unmetered("s", RPM, 0))), now))
                .isEqualTo(-1);
    }

    @Test
    void every_scope_of_a_candidate_is_checked() {
        Reservation own = new Reservation("own", RPM, 0, Reservation.unknown(), at("10:01:00.001"), false);
        Reservation account = new Reservation("account", RPM, 0, Reservation.unknown(), at("10:00:59.990"), false);
        assertThat(edge.readmitAfterMillis(new Admitted(List.of(own, account)), at("10:01:00.002")))
                .isZero();
    }

    private static Candidate candidate(LimitsConfig limits) {
        ModelConfig model = new ModelConfig("m", "p", null, 50, 1000, limits, null, null, null, null, null, null, null);
        return Candidate.of("p", model, ProviderKey.of("key-0000000001"));
    }

    private static Admitted admitted(Limits limits, String time) {
        return admitted(limits, time, 0);
    }

    private static Admitted admitted(Limits limits, String time, long tokens) {
        return new Admitted(List.of(new Reservation("s", limits, tokens, Reservation.unknown(), at(time), false)));
    }

    private static long at(String time) {
        return at(time, 23);
    }

    private static long at(String time, int day) {
        return Instant.parse("2026-11-" + day + "T" + time + "Z").toEpochMilli();
    }
}
