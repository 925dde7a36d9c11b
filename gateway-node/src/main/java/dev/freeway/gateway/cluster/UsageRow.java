package dev.freeway.gateway.cluster;

/** One key's totals as the cluster holds them. */
public record UsageRow(UsageKey key, UsageTotals totals) {}
