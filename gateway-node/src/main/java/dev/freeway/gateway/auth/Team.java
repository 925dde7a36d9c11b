package dev.freeway.gateway.auth;

/** The tenant a client key belongs to. */
public record Team(String name) {}
