package dev.freeway.gateway.secrets.local;

/**
 * A stored key with its place in the store.
 *
 * @param index its position among the provider's keys, from 0, as {@code keys list} shows it
 */
public record KeyEntry(String provider, int index, StoredKey key) {}
