package dev.freeway.gateway.config;

/**
 * One client key and the team it belongs to. Exactly one of {@code key} (plain, hashed at load and
 * then dropped) or {@code hash} ({@code sha256:<hex>}) is set.
 */
public record ClientKeyConfig(String key, String hash, String team) {

    @Override
    public String toString() {
        return "ClientKeyConfig[team=" + team + "]";
    }
}
