package dev.freeway.gateway.admin;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/** Who an admin call came from, as the audit log names it: the peer's address, never a credential. */
final class AuditSource {
    private AuditSource() {}

    static String of(RoutingContext ctx) {
        SocketAddress peer = ctx.request().remoteAddress();
        return peer == null ? "unknown" : peer.hostAddress();
    }
}
