package dev.freeway.gateway.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place failures become OpenAI-shaped error responses, and the one place they are logged. */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    public static void handle(RoutingContext ctx) {
        send(ctx, toGatewayError(ctx));
    }

    public static void send(RoutingContext ctx, GatewayError error) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.setStatusCode(error.status()).putHeader("content-type", "application/json");
        if (error.retryAfterSeconds() > 0) {
            response.putHeader("retry-after", Long.toString(error.retryAfterSeconds()));
        }
        response.end(error.toJson().toBuffer());
    }

    private static GatewayError toGatewayError(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof GatewayError error) {
            return error;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        return switch (status) {
            case 413 ->
                new GatewayError(
                        413, "invalid_request_error", "request_too_large", null, "Request body is too large.", 0);
            case 400 -> GatewayError.invalidRequest(null, "Malformed request.");
            case 401 -> GatewayError.invalidKey();
            case 404 -> new GatewayError(404, "invalid_request_error", "not_found", null, "Unknown route.", 0);
            case 405 ->
                new GatewayError(405, "invalid_request_error", "method_not_allowed", null, "Method not allowed.", 0);
            default -> internal(ctx, failure);
        };
    }

    private static GatewayError internal(RoutingContext ctx, Throwable failure) {
        LOG.error(
                "request {} failed unexpectedly ({})",
                ctx.<String>get(RequestIds.KEY),
                failure == null
                        ? "status " + ctx.statusCode()
                        : failure.getClass().getName());
        return new GatewayError(500, "server_error", "internal_error", null, "Internal gateway error.", 0);
    }
}
