package dev.freeway.gateway.limits;

/** Capacity taken before dispatch: one request and {@code tokens} estimated tokens in {@code scope}. */
public record Reservation(String scope, Limits limits, long tokens) {}
