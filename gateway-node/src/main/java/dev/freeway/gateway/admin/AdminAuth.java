package dev.freeway.gateway.admin;

import dev.freeway.gateway.api.GatewayError;
import dev.freeway.gateway.secrets.Secret;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets through only requests bearing the admin token. The token is kept as its SHA-256 digest and
 * compared with {@link MessageDigest#isEqual}, so the comparison takes the same time however much
 * of it matches. Client keys of the data plane are not accepted: this is a separate credential.
 */
final class AdminAuth {
    private static final Logger AUDIT = LoggerFactory.getLogger("freeway.audit");
    private static final String BEARER = "Bearer ";

    private final byte[] digest;

    AdminAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the admin listener needs an admin token");
        }
        this.digest = Secret.sha256(token);
    }

    void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        boolean bearer = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        // Hashed even when absent, so a missing header costs the same as a wrong one.
        byte[] presented = Secret.sha256(bearer ? header.substring(BEARER.length()) : "");
        if (bearer && MessageDigest.isEqual(digest, presented)) {
            ctx.next();
            return;
        }
        AUDIT.warn("admin authentication failed: {} from {}", ctx.request().method(), AuditSource.of(ctx));
        ctx.fail(new GatewayError(
                401, "invalid_request_error", "invalid_api_key", null, "Incorrect or missing admin token.", 0));
    }
}
