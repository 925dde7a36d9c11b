package dev.freeway.gateway.auth;

import dev.freeway.gateway.api.GatewayError;
import io.vertx.ext.web.RoutingContext;

/** Route handler: {@code Authorization: Bearer <client key>} → the key's team, or 401. */
public final class Authenticator {
    public static final String TEAM = "freeway.team";
    private static final String BEARER = "Bearer ";

    private final ClientKeys keys;

    public Authenticator(ClientKeys keys) {
        this.keys = keys;
    }

    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("authorization");
        String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim()
                : null;
        keys.authenticate(presented)
                .ifPresentOrElse(
                        team -> {
                            ctx.put(TEAM, team);
                            ctx.next();
                        },
                        () -> ctx.fail(GatewayError.invalidKey()));
    }
}
