package dev.freeway.gateway.routing;

import dev.freeway.gateway.catalog.Candidate;

/**
 * A successful attempt: who served, what it answered, the capacity to settle, and how many attempts
 * failed before it.
 */
public record Served<T>(Candidate candidate, T result, Admitted admitted, int failedAttempts) {}
