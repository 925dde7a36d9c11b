package dev.freeway.gateway.admin;

import dev.freeway.gateway.api.GatewayError;
import dev.freeway.gateway.secrets.local.KeyChangeRefused;
import dev.freeway.gateway.secrets.local.LocalStoreException;

/** The admin API's failures as OpenAI-shaped errors; their messages never contain a key. */
final class AdminErrors {
    private static final String INVALID = "invalid_request_error";

    private AdminErrors() {}

    static GatewayError managedElsewhere() {
        return new GatewayError(
                409,
                INVALID,
                "keys_managed_elsewhere",
                null,
                "keys are managed in Vault (or the config file) on this gateway, not through this API;"
                        + " change them there and every node picks them up on its next refresh.",
                0);
    }

    static GatewayError keyNotFound(String provider) {
        return new GatewayError(
                404, INVALID, "key_not_found", null, "No " + provider + " key matches; GET /admin/keys lists them.", 0);
    }

    static GatewayError teamNotFound() {
        return new GatewayError(404, INVALID, "team_not_found", null, "No such team; GET /admin/teams lists them.", 0);
    }

    static GatewayError clientKeyNotFound(String team) {
        return new GatewayError(
                404,
                INVALID,
                "key_not_found",
                null,
                "No client key of team " + team + " has that id; GET /admin/teams/" + team + "/keys lists them.",
                0);
    }

    static GatewayError badBody(String message) {
        return GatewayError.invalidRequest(null, message);
    }

    /** A store failure, or the failure itself when it is not one the admin API knows. */
    static Throwable of(Throwable failure) {
        if (failure instanceof KeyChangeRefused refused) {
            return switch (refused.reason()) {
                case INVALID -> GatewayError.invalidRequest(null, refused.getMessage());
                case DUPLICATE -> new GatewayError(409, INVALID, "key_exists", null, refused.getMessage(), 0);
                case AMBIGUOUS -> new GatewayError(409, INVALID, "ambiguous_key", null, refused.getMessage(), 0);
            };
        }
        if (failure instanceof LocalStoreException unavailable) {
            return new GatewayError(503, "server_error", "key_store_unavailable", null, unavailable.getMessage(), 0);
        }
        return failure;
    }
}
