package dev.freeway.gateway.provider.wire;

import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;

/**
 * What a platform's error answer means, read from its status and body.
 *
 * @param kind what failed; {@code null} when the body says nothing beyond the HTTP status (the
 *     status then decides)
 * @param axis for {@link Kind#RATE_LIMITED}: which limit ran out, {@link Axis#UNKNOWN} if the body
 *     does not say
 * @param retryAfterMillis a wait the body asks for (Gemini's {@code RetryInfo}), 0 when none
 * @param message the platform's message, for logs and for the client when it was the request's
 *     fault; must not contain credentials (the caller scrubs the key anyway)
 */
public record ErrorReading(Kind kind, Axis axis, long retryAfterMillis, String message) {

    public ErrorReading {
        axis = axis == null ? Axis.UNKNOWN : axis;
        message = message == null ? "" : message;
    }

    /** The body added nothing: classify by status alone. */
    public static ErrorReading byStatus(String message) {
        return new ErrorReading(null, Axis.UNKNOWN, 0, message);
    }
}
