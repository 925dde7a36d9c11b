package dev.freeway.loadtest.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/** Ports free on several loopback addresses at once, so every node can use the same number. */
final class Ports {
    private static final int TRIES = 50;

    private Ports() {}

    static int free(List<String> hosts) throws IOException {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(hosts.get(0)))) {
                port = socket.getLocalPort();
            }
            if (hosts.stream().skip(1).allMatch(host -> bindable(host, port))) {
                return port;
            }
        }
        throw new IOException("no port free on all of " + hosts);
    }

    private static boolean bindable(String host, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
