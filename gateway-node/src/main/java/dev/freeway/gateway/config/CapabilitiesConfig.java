package dev.freeway.gateway.config;

/** What a model accepts; a request that needs a capability skips models without it. */
public record CapabilitiesConfig(Boolean tools, Boolean json, Boolean vision, Boolean streaming) {
    public CapabilitiesConfig {
        tools = tools == null || tools;
        json = json == null || json;
        vision = vision == null ? Boolean.FALSE : vision;
        streaming = streaming == null || streaming;
    }

    public static CapabilitiesConfig defaults() {
        return new CapabilitiesConfig(null, null, null, null);
    }
}
