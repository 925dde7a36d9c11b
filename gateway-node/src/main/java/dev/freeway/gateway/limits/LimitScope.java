package dev.freeway.gateway.limits;

/** One place a provider enforces limits (a key and model, a project, an account-wide pool) and its limits there. */
public record LimitScope(String scope, Limits limits) {}
