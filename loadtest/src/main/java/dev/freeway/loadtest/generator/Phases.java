package dev.freeway.loadtest.generator;

import java.time.Duration;

/** A run sends for {@code warmup + measure}; only requests sent during {@code measure} are recorded. */
public record Phases(Duration warmup, Duration measure) {}
