package dev.freeway.gateway.routing;

import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.limits.Reservation;

/**
 * A successful attempt: who served, what it answered, the capacity to settle (the candidate's and
 * the team's), and how many attempts failed before it.
 */
public record Served<T>(Candidate candidate, T result, Admitted admitted, int failedAttempts, Reservation team) {

    /** The same outcome, holding the team's quota reservation too (null when the team has no quota). */
    Served<T> withTeam(Reservation reservation) {
        return new Served<>(candidate, result, admitted, failedAttempts, reservation);
    }
}
