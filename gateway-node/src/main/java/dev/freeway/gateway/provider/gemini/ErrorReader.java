package dev.freeway.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.wire.ErrorReading;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Google RPC error ({@code {"error":{code, message, status, details}}}, sometimes wrapped in a
 * JSON array) read for failover. The details say what the status alone does not: which quota ran
 * out ({@code QuotaFailure}), how long to wait ({@code RetryInfo}) and whether a 400 is about the
 * key ({@code ErrorInfo} reason {@code API_KEY_INVALID}) rather than the request.
 */
final class ErrorReader {
    /** Google echoes the key in some messages ("Consumer 'api_key:AIza...' has been suspended"). */
    private static final Pattern CONSUMER_KEY = Pattern.compile("api_key:[^'\"\\s]+");

    private static final Pattern GOOGLE_KEY = Pattern.compile("AIza[0-9A-Za-z_-]{20,}");

    private ErrorReader() {}

    static ErrorReading read(int httpStatus, JsonNode body) {
        JsonNode error = (body.isArray() ? body.path(0) : body).path("error");
        if (!error.isObject()) {
            return ErrorReading.byStatus("");
        }
        int code = error.path("code").asInt(httpStatus);
        String status = error.path("status").asText("");
        String message = redact(error.path("message").asText(""));
        Details details = Details.of(error.path("details"));
        Kind kind = kind(code, status, message, details);
        if (kind == null) {
            return ErrorReading.byStatus(message);
        }
        Axis axis = kind == Kind.RATE_LIMITED ? details.axis : Axis.UNKNOWN;
        return new ErrorReading(kind, axis, details.retryAfterMillis, message);
    }

    private static Kind kind(int code, String status, String message, Details details) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (details.reason.startsWith("API_KEY_")
                || lower.contains("api key not valid")
                || lower.contains("api key not found")
                || lower.contains("api key expired")) {
            return Kind.KEY_REJECTED;
        }
        if (status.equals("RESOURCE_EXHAUSTED") || code == 429) {
            // Prepaid billing: the key works again only after a top-up. Wording from reports, not docs.
            return lower.contains("credits are depleted") ? Kind.OUT_OF_CREDIT : Kind.RATE_LIMITED;
        }
        if (status.equals("UNAVAILABLE") || code == 503 || (code >= 500 && lower.contains("overloaded"))) {
            return Kind.OVERLOADED;
        }
        if (status.equals("PERMISSION_DENIED") || status.equals("UNAUTHENTICATED") || code == 401 || code == 403) {
            return Kind.KEY_REJECTED;
        }
        if (lower.contains("location is not supported") || lower.contains("not available in your country")) {
            // The calling node's region is refused: the request is fine elsewhere.
            return Kind.SERVER_ERROR;
        }
        if (status.equals("INVALID_ARGUMENT") || status.equals("FAILED_PRECONDITION") || code == 400) {
            return Kind.CLIENT_ERROR;
        }
        if (code >= 500 || status.equals("INTERNAL") || status.equals("DEADLINE_EXCEEDED")) {
            return Kind.SERVER_ERROR;
        }
        return null;
    }

    private static String redact(String message) {
        String masked = CONSUMER_KEY.matcher(message).replaceAll("api_key:[redacted]");
        return GOOGLE_KEY.matcher(masked).replaceAll("[redacted]");
    }

    /** What the {@code details} array says: ErrorInfo reason, the longest quota window hit, the wait asked for. */
    private record Details(String reason, Axis axis, long retryAfterMillis) {
        static Details of(JsonNode details) {
            String reason = "";
            Axis axis = Axis.UNKNOWN;
            long retryAfterMillis = 0;
            for (JsonNode detail : details) {
                String type = detail.path("@type").asText("");
                if (type.endsWith("google.rpc.ErrorInfo")) {
                    reason = detail.path("reason").asText("");
                } else if (type.endsWith("google.rpc.QuotaFailure")) {
                    for (JsonNode violation : detail.path("violations")) {
                        axis = longer(axis, axisOf(violation.path("quotaId").asText("")));
                    }
                } else if (type.endsWith("google.rpc.RetryInfo")) {
                    retryAfterMillis = durationMillis(detail.path("retryDelay").asText(""));
                }
            }
            return new Details(reason, axis, retryAfterMillis);
        }

        private static Axis axisOf(String quotaId) {
            if (quotaId.contains("PerDay")) {
                return Axis.DAY;
            }
            return quotaId.contains("PerMinute") ? Axis.MINUTE : Axis.UNKNOWN;
        }

        /** A day quota outlasts a minute one; when both ran out, only the day matters. */
        private static Axis longer(Axis a, Axis b) {
            return a == Axis.DAY || b == Axis.DAY ? Axis.DAY : a == Axis.MINUTE ? a : b;
        }

        /** A protobuf Duration in JSON: seconds with up to nine decimals and an {@code s}, like {@code 26s}. */
        private static long durationMillis(String duration) {
            if (!duration.endsWith("s")) {
                return 0;
            }
            try {
                BigDecimal seconds = new BigDecimal(duration.substring(0, duration.length() - 1));
                return Math.max(
                        0,
                        seconds.movePointRight(3)
                                .setScale(0, RoundingMode.CEILING)
                                .longValueExact());
            } catch (NumberFormatException | ArithmeticException notADuration) {
                return 0;
            }
        }
    }
}
