package dev.freeway.loadtest;

public final class LoadtestMain {
    private LoadtestMain() {}

    public static void main(String[] args) throws Exception {
        System.err.println("usage: java -jar loadtest.jar simulator|bench [options]");
        System.exit(2);
    }
}
