package dev.freeway.gateway.provider;

import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import io.vertx.core.MultiMap;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * HTTP-level classification shared by every adapter: what an upstream status or exception means
 * for failover. The request's own mistakes (400, 413, 422...) go back to the client; a key the
 * provider refuses, throttling, server trouble and transport errors are reasons to try elsewhere.
 */
public final class FailureClassifier {
    private FailureClassifier() {}

    public static UpstreamFailure fromStatus(int status, MultiMap headers, Buffer body, String provider) {
        String reason = provider + " answered HTTP " + status;
        Kind kind = switch (status) {
            case 429 -> Kind.RATE_LIMITED;
            case 401, 402, 403 -> Kind.KEY_REJECTED;
            case 404, 408, 409 -> Kind.SERVER_ERROR;
            default -> status >= 500 ? Kind.SERVER_ERROR : Kind.CLIENT_ERROR;
        };
        ProviderQuota quota = RateLimitHeaders.parse(headers, status, System.currentTimeMillis());
        return new UpstreamFailure(kind, status, quota.retryAfterMillis(), body, quota, reason);
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
