package dev.freeway.gateway.config;

/**
 * The admin listener: its own port, its own credential. Off when no token is set.
 *
 * @param token the admin token (at least 24 characters); kept only as a digest once loaded
 */
public record AdminConfig(String host, Integer port, String token) {
    public AdminConfig {
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 9090 : port;
    }

    public static AdminConfig defaults() {
        return new AdminConfig(null, null, null);
    }

    public boolean enabled() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "AdminConfig[host=" + host + ", port=" + port + ", enabled=" + enabled() + "]";
    }
}
