package dev.freeway.loadtest.cluster;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The admin listener and two teams, for scenarios that check shared state through the admin API. Each
 * node listens on its own 127.0.0.x, so one port and one token serve them all.
 *
 * @param token the admin token, fresh for each run
 * @param port the admin port, free on every node's address
 */
record ClusterAdmin(String token, int port) {
    /** The load's client key belongs to this team. */
    static final String LOAD_TEAM = "alpha";
    /** A second team, so settings changed at runtime have a team the load does not touch. */
    static final String OTHER_TEAM = "beta";

    static ClusterAdmin generate(List<String> hosts) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new ClusterAdmin(HexFormat.of().formatHex(secret), Ports.free(hosts));
    }

    /** The config lines for the node on {@code host}. */
    String yaml(String host) {
        return String.join(
                "\n",
                "admin: { host: " + host + ", port: " + port + ", token: \"" + token + "\" }",
                "teams:",
                "  " + LOAD_TEAM + ": { weight: 1 }",
                "  " + OTHER_TEAM + ": { weight: 1 }",
                "");
    }

    @Override
    public String toString() {
        return "ClusterAdmin[port=" + port + "]";
    }
}
