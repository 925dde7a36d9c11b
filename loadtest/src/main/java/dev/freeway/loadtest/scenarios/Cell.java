package dev.freeway.loadtest.scenarios;

import java.time.Duration;
import java.util.List;

/**
 * One row of the benchmark: an upstream latency, a load shape and a response mode.
 *
 * @param load clients for a closed loop, requests per second for an open loop
 */
record Cell(Duration upstream, Shape shape, int load, boolean stream) {
    enum Shape {
        CLOSED,
        OPEN
    }

    private static final Duration UPSTREAM = Duration.ofMillis(50);

    static final Cell CLOSED_16 = new Cell(UPSTREAM, Shape.CLOSED, 16, false);
    static final Cell CLOSED_16_STREAM = new Cell(UPSTREAM, Shape.CLOSED, 16, true);
    static final Cell INSTANT_64 = new Cell(Duration.ZERO, Shape.CLOSED, 64, false);

    static final List<Cell> ALL = List.of(
            CLOSED_16,
            CLOSED_16_STREAM,
            new Cell(UPSTREAM, Shape.CLOSED, 64, false),
            new Cell(UPSTREAM, Shape.CLOSED, 64, true),
            new Cell(UPSTREAM, Shape.OPEN, 200, false),
            new Cell(UPSTREAM, Shape.OPEN, 200, true),
            new Cell(UPSTREAM, Shape.OPEN, 800, false),
            new Cell(UPSTREAM, Shape.OPEN, 800, true),
            INSTANT_64);

    /** The cluster comparison runs each cell four times per repeat, so it keeps to the light loads. */
    static final List<Cell> CLUSTER = List.of(CLOSED_16, CLOSED_16_STREAM, new Cell(UPSTREAM, Shape.OPEN, 200, false));

    String label() {
        return loadLabel() + ", " + (stream ? "stream" : "JSON") + ", upstream " + upstream.toMillis() + " ms";
    }

    String loadLabel() {
        return shape == Shape.CLOSED ? "closed, " + load + " clients" : "open, " + load + " req/s";
    }
}
