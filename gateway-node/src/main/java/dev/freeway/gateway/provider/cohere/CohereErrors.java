package dev.freeway.gateway.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.wire.ErrorReading;
import java.util.regex.Pattern;

/**
 * What a Cohere error answer means. The body is {@code {"id": ..., "message": ...}} with no
 * wrapper and no error code, so the status decides the kind; for 429 the message is the only
 * place that says which limit ran out: the per-minute limits and the trial key's monthly cap
 * answer with the same status and no rate-limit headers.
 */
final class CohereErrors {
    private static final Pattern MONTHLY = Pattern.compile("(per|/)\\s*month|monthly", Pattern.CASE_INSENSITIVE);
    private static final Pattern PER_MINUTE = Pattern.compile("(per|/)\\s*minute", Pattern.CASE_INSENSITIVE);

    private CohereErrors() {}

    static ErrorReading read(int status, JsonNode body) {
        String message = body.path("message").asText("");
        Kind kind = kind(status);
        Axis axis = kind == Kind.RATE_LIMITED ? axis(message) : Axis.UNKNOWN;
        return new ErrorReading(kind, axis, 0, message);
    }

    /** Cohere's documented statuses; others are left to the status-only classification. */
    private static Kind kind(int status) {
        return switch (status) {
            case 400, 422 -> Kind.CLIENT_ERROR;
            // 498 is Cohere's "invalid token".
            case 401, 403, 498 -> Kind.KEY_REJECTED;
            case 402 -> Kind.OUT_OF_CREDIT;
            case 429 -> Kind.RATE_LIMITED;
            case 499, 500 -> Kind.SERVER_ERROR;
            case 503 -> Kind.OVERLOADED;
            case 504 -> Kind.TIMEOUT;
            default -> null;
        };
    }

    private static Axis axis(String message) {
        if (MONTHLY.matcher(message).find()) {
            return Axis.MONTH;
        }
        return PER_MINUTE.matcher(message).find() ? Axis.MINUTE : Axis.UNKNOWN;
    }
}
