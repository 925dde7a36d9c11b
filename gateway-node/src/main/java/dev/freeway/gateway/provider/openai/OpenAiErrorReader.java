package dev.freeway.gateway.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeway.gateway.provider.UpstreamFailure.Axis;
import dev.freeway.gateway.provider.UpstreamFailure.Kind;
import dev.freeway.gateway.provider.wire.ErrorReading;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the error bodies of the OpenAI-compatible family, whose shapes differ in the details:
 * OpenAI's {@code insufficient_quota}, Groq's "(TPM)"/"(RPD)" messages, OpenRouter's
 * free-models-per-day, GitHub's "UserByModelByDay", Zhipu's numeric codes, Cloudflare's
 * {@code {"errors":[...]}} envelope and vLLM's flat {@code {"object":"error"}}. Only what a body
 * states is used: a daily axis is never guessed.
 */
public final class OpenAiErrorReader {
    private static final Pattern AXIS =
            Pattern.compile("\\((rpm|tpm|rpd|tpd)\\)|per[ -](minute|min|day|month)|by(minute|day)\\b|(daily|monthly)");

    private OpenAiErrorReader() {}

    public static ErrorReading read(int status, JsonNode body) {
        JsonNode error = body.path("error");
        String message = text(error.isObject() ? error.path("message") : body.path("message"));
        if (message.isEmpty() && body.path("errors").isArray()) {
            message = text(body.path("errors").path(0).path("message"));
        }
        if (message.isEmpty() && error.isTextual()) {
            message = error.textValue();
        }
        String code = text(error.path("code"));
        String type = text(error.path("type"));
        Kind zhipu = zhipu(code);
        if (zhipu != null) {
            return new ErrorReading(zhipu, zhipuAxis(code), 0, message);
        }
        if ("insufficient_quota".equals(code) || "insufficient_quota".equals(type)) {
            return new ErrorReading(Kind.OUT_OF_CREDIT, Axis.UNKNOWN, 0, message);
        }
        Axis axis = axis(message);
        if (status == 429) {
            return new ErrorReading(Kind.RATE_LIMITED, axis, 0, message);
        }
        if (axis == Axis.DAY && message.toLowerCase(Locale.ROOT).contains("neurons")) {
            return new ErrorReading(Kind.RATE_LIMITED, Axis.DAY, 0, message);
        }
        return new ErrorReading(null, Axis.UNKNOWN, 0, message);
    }

    static Axis axis(String message) {
        Matcher matcher = AXIS.matcher(message.toLowerCase(Locale.ROOT));
        if (!matcher.find()) {
            return Axis.UNKNOWN;
        }
        String word = matcher.group(0);
        if (word.contains("month")) {
            return Axis.MONTH;
        }
        return word.contains("d") && !word.contains("min") ? Axis.DAY : Axis.MINUTE;
    }

    /** Zhipu (BigModel) puts its own numeric codes in the body; see docs.bigmodel.cn api-code. */
    private static Kind zhipu(String code) {
        return switch (code) {
            case "1302", "1303", "1304", "1308", "1310" -> Kind.RATE_LIMITED;
            case "1305", "1312" -> Kind.OVERLOADED;
            case "1113" -> Kind.OUT_OF_CREDIT;
            case "1000", "1001", "1002", "1003", "1004" -> Kind.KEY_REJECTED;
            default -> null;
        };
    }

    private static Axis zhipuAxis(String code) {
        return switch (code) {
            case "1302", "1303" -> Axis.MINUTE;
            case "1304", "1308" -> Axis.DAY;
            case "1310" -> Axis.MONTH;
            default -> Axis.UNKNOWN;
        };
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : node.isNumber() ? node.asText() : "";
    }
}
