package dev.freeway.gateway.auth;

import dev.freeway.gateway.api.GatewayError;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Route handler: {@code Authorization: Bearer <client key>} → the key's team, or 401. Keys from
 * the config file and keys issued through the admin API are both accepted; both are always
 * checked, so the time taken does not tell which kind a key is.
 */
public final class Authenticator {
    public static final String TEAM = "freeway.team";
    private static final String BEARER = "Bearer ";

    private final ClientKeys keys;
    private final IssuedKeys issued;

    public Authenticator(ClientKeys keys) {
        this(keys, null);
    }

    /** @param issued keys issued at runtime; null when there are none (no cluster table) */
    public Authenticator(ClientKeys keys, IssuedKeys issued) {
        this.keys = keys;
        this.issued = issued;
    }

    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("authorization");
        String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim()
                : null;
        Optional<Team> fromConfig = keys.authenticate(presented);
        Optional<Team> fromIssued = issued == null ? Optional.empty() : issued.authenticate(presented);
        fromConfig
                .or(() -> fromIssued)
                .ifPresentOrElse(
                        team -> {
                            ctx.put(TEAM, team);
                            ctx.next();
                        },
                        () -> ctx.fail(GatewayError.invalidKey()));
    }
}
