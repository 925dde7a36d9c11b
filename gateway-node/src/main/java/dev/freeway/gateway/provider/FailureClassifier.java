package dev.freeway.gateway.provider;

import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.wire.ErrorReading;
import io.vertx.core.MultiMap;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * What an upstream error means for failover, shared by every adapter: the HTTP status decides
 * unless the platform's body said more (its {@link ErrorReading}). The request's own mistakes
 * (400, 413, 422...) go back to the client; a refused key, an exhausted limit or credit, overload,
 * server trouble and transport errors are reasons to try elsewhere.
 */
public final class FailureClassifier {
    private FailureClassifier() {}

    /**
     * @param body the upstream's error body, already scrubbed of the key; passed to the client
     *     when the request itself was at fault
     */
    public static UpstreamFailure fromAnswer(
            int status, MultiMap headers, Buffer body, ErrorReading reading, String provider) {
        ProviderQuota quota = RateLimitHeaders.parse(headers, status, System.currentTimeMillis());
        Kind kind = reading.kind() != null ? reading.kind() : byStatus(status);
        Axis axis = reading.axis() != Axis.UNKNOWN ? reading.axis() : exhaustedAxis(quota);
        long retryAfter = Math.max(quota.retryAfterMillis(), reading.retryAfterMillis());
        String reason = provider + " answered HTTP " + status
                + (kind == Kind.RATE_LIMITED && axis != Axis.UNKNOWN
                        ? " (" + axis.name().toLowerCase() + " limit)"
                        : "");
        return new UpstreamFailure(kind, axis, status, retryAfter, body, quota, reason);
    }

    static Kind byStatus(int status) {
        return switch (status) {
            case 429 -> Kind.RATE_LIMITED;
            case 402 -> Kind.OUT_OF_CREDIT;
            case 401, 403 -> Kind.KEY_REJECTED;
            case 503, 529 -> Kind.OVERLOADED;
            case 404, 408, 409 -> Kind.SERVER_ERROR;
            default -> status >= 500 ? Kind.SERVER_ERROR : Kind.CLIENT_ERROR;
        };
    }

    /** A window the headers report empty names the axis when the body did not. */
    private static Axis exhaustedAxis(ProviderQuota quota) {
        Axis axis = Axis.UNKNOWN;
        for (ProviderQuota.Window window : quota.windows()) {
            if (window.remaining() == 0) {
                if (window.span() == ProviderQuota.Span.DAY) {
                    return Axis.DAY;
                }
                axis = Axis.MINUTE;
            }
        }
        return axis;
    }

    public static UpstreamFailure fromThrowable(Throwable error, String provider) {
        if (error instanceof UpstreamFailure failure) {
            return failure;
        }
        if (error instanceof TimeoutException
                || error.getClass().getSimpleName().contains("Timeout")) {
            return UpstreamFailure.of(Kind.TIMEOUT, provider + " timed out");
        }
        if (error instanceof ConnectException || error instanceof UnknownHostException) {
            return UpstreamFailure.of(Kind.CONNECTION, provider + " refused the connection");
        }
        if (error instanceof HttpClosedException || error instanceof VertxException) {
            return UpstreamFailure.of(Kind.CONNECTION, provider + " closed the connection");
        }
        return UpstreamFailure.of(
                Kind.CONNECTION, provider + " failed (" + error.getClass().getSimpleName() + ")");
    }
}
