package dev.freeway.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.wire.ErrorReading;
import java.util.Locale;

/**
 * Reads Anthropic's error body {@code {"type":"error","error":{"type","message"}}}. The error type
 * decides rather than the status, because Anthropic has sent {@code overloaded_error} with 429 as
 * well as 529, and money trouble arrives as 400 {@code invalid_request_error}.
 */
final class ErrorClassifier {
    private ErrorClassifier() {}

    static ErrorReading read(int status, JsonNode body) {
        JsonNode error = body.path("error");
        String type = error.path("type").asText("");
        String message = error.path("message").asText("");
        if (outOfCredit(type, message)) {
            return reading(Kind.OUT_OF_CREDIT, Axis.UNKNOWN, message);
        }
        if (spendLimitReached(error, message)) {
            return reading(Kind.RATE_LIMITED, Axis.MONTH, message);
        }
        return switch (type) {
            // RPM, input TPM and output TPM, refilled continuously: all per-minute limits
            case "rate_limit_error" -> reading(Kind.RATE_LIMITED, Axis.MINUTE, message);
            case "overloaded_error" -> reading(Kind.OVERLOADED, Axis.UNKNOWN, message);
            case "authentication_error", "permission_error" -> reading(Kind.KEY_REJECTED, Axis.UNKNOWN, message);
            case "invalid_request_error", "request_too_large" -> reading(Kind.CLIENT_ERROR, Axis.UNKNOWN, message);
            case "api_error" -> reading(Kind.SERVER_ERROR, Axis.UNKNOWN, message);
            case "timeout_error" -> reading(Kind.TIMEOUT, Axis.UNKNOWN, message);
            default -> status == 529 ? reading(Kind.OVERLOADED, Axis.UNKNOWN, message) : ErrorReading.byStatus(message);
        };
    }

    /** An {@code error} event inside a 200 stream, where no status can decide. */
    static ErrorReading streamError(JsonNode event) {
        ErrorReading reading = read(200, event);
        return reading.kind() != null ? reading : reading(Kind.SERVER_ERROR, Axis.UNKNOWN, reading.message());
    }

    /** Anthropic reports an empty prepaid balance as a 400 whose message is the only sign. */
    private static boolean outOfCredit(String type, String message) {
        return "billing_error".equals(type) || lower(message).contains("credit balance is too low");
    }

    /**
     * The usage tier's monthly cap (429 with {@code details.error_code}) or a spend limit the
     * organisation set (400, "specified API usage limits"): both lift at the start of next month.
     */
    private static boolean spendLimitReached(JsonNode error, String message) {
        return "enforced_spend_limit_reached"
                        .equals(error.path("details").path("error_code").asText())
                || lower(message).contains("api usage limits");
    }

    private static ErrorReading reading(Kind kind, Axis axis, String message) {
        return new ErrorReading(kind, axis, 0, message);
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
