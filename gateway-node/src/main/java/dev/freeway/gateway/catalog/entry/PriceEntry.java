package dev.freeway.gateway.catalog.entry;

/** USD per million tokens. */
public record PriceEntry(Double input, Double output) {
    public PriceEntry {
        input = input == null ? 0.0 : input;
        output = output == null ? 0.0 : output;
    }

    public boolean free() {
        return input == 0.0 && output == 0.0;
    }
}
