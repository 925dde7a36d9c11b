package dev.freeway.gateway.config;

import java.util.List;

public record AuthConfig(List<ClientKeyConfig> clientKeys) {
    public AuthConfig {
        clientKeys = clientKeys == null ? List.of() : List.copyOf(clientKeys);
    }
}
