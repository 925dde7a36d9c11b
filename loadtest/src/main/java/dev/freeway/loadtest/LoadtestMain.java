package dev.freeway.loadtest;

import dev.freeway.loadtest.cluster.ClusterMain;
import dev.freeway.loadtest.scenarios.BenchMain;
import dev.freeway.loadtest.simulator.SimulatorMain;
import java.util.Arrays;

public final class LoadtestMain {
    private LoadtestMain() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "simulator" -> SimulatorMain.main(rest);
            case "bench" -> BenchMain.main(rest);
            case "cluster" -> ClusterMain.main(rest);
            default -> {
                System.err.println("usage: java -jar loadtest.jar simulator|bench|cluster [options]");
                System.exit(2);
            }
        }
    }
}
