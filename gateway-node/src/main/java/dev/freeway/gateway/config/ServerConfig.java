package dev.freeway.gateway.config;

/**
 * The client-facing HTTP listener.
 *
 * @param bodyLimitBytes requests with a larger body are refused with 413 before they are parsed
 * @param instances event-loop verticles serving the port; 0 means one per available core
 */
public record ServerConfig(String host, Integer port, Long bodyLimitBytes, Integer instances) {

    public static final long DEFAULT_BODY_LIMIT = 8L * 1024 * 1024;

    public ServerConfig {
        host = host == null ? "0.0.0.0" : host;
        port = port == null ? 8080 : port;
        bodyLimitBytes = bodyLimitBytes == null ? DEFAULT_BODY_LIMIT : bodyLimitBytes;
        instances = instances == null ? 0 : instances;
    }

    public static ServerConfig defaults() {
        return new ServerConfig(null, null, null, null);
    }
}
