package dev.freeway.gateway.testing;

import dev.freeway.loadtest.simulator.ProviderSimulator;
import dev.freeway.loadtest.simulator.SimulatorOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Simulated providers for one test class, all on the test's clock, closed together. */
public final class Simulators implements AutoCloseable {
    private final Clock clock;
    private final List<ProviderSimulator> started = new ArrayList<>();

    public Simulators(Clock clock) {
        this.clock = clock;
    }

    public ProviderSimulator start(String name) {
        return start(name, UnaryOperator.identity());
    }

    public ProviderSimulator start(String name, UnaryOperator<SimulatorOptions> options) {
        ProviderSimulator simulator = ProviderSimulator.start(
                options.apply(SimulatorOptions.defaults().withName(name).withClock(clock)));
        started.add(simulator);
        return simulator;
    }

    public List<ProviderSimulator> all() {
        return List.copyOf(started);
    }

    @Override
    public void close() {
        started.forEach(ProviderSimulator::close);
        started.clear();
    }
}
