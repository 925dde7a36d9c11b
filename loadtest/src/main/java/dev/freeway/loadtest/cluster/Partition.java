package dev.freeway.loadtest.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the Hazelcast links between one member's address and the others with iptables rules on the
 * loopback device, both directions, member port only (clients still reach every node). Needs root;
 * the rules are removed on close even if the scenario fails.
 */
final class Partition implements AutoCloseable {
    private final List<List<String>> rules = new ArrayList<>();

    private Partition() {}

    static boolean available() {
        try {
            return run(List.of("iptables", "-L", "INPUT", "-n")) == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Partition isolate(String host, List<String> others, int memberPort)
            throws IOException, InterruptedException {
        Partition partition = new Partition();
        for (String other : others) {
            partition.drop(host, other, memberPort);
            partition.drop(other, host, memberPort);
        }
        return partition;
    }

    private void drop(String from, String to, int port) throws IOException, InterruptedException {
        List<String> rule = List.of(
                "INPUT",
                "-s",
                from,
                "-d",
                to,
                "-p",
                "tcp",
                "-m",
                "multiport",
                "--ports",
                Integer.toString(port),
                "-j",
                "DROP");
        List<String> add = new ArrayList<>(List.of("iptables", "-I"));
        add.addAll(rule);
        if (run(add) != 0) {
            throw new IOException("iptables refused " + add);
        }
        rules.add(rule);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (List<String> rule : rules) {
            List<String> delete = new ArrayList<>(List.of("iptables", "-D"));
            delete.addAll(rule);
            run(delete);
        }
        rules.clear();
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
    }
}
