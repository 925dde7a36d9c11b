package dev.freeway.loadtest.generator;

/**
 * An OpenAI-compatible endpoint to load.
 *
 * @param model what the requests ask for: {@code auto} through the gateway, anything for the simulator
 */
public record Target(String name, String host, int port, String apiKey, String model) {}
