package dev.freeway.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * An OpenAI message {@code content} (a string or an array of parts) as Gemini parts: text,
 * {@code image_url} and {@code input_audio}. Empty text is left out, because Gemini rejects parts
 * without data. Part types Gemini has no equivalent for are dropped.
 */
final class ContentParts {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DEFAULT_IMAGE_TYPE = "image/jpeg";
    private static final Map<String, String> IMAGE_TYPES = Map.of(
            "png", "image/png",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "gif", "image/gif",
            "webp", "image/webp",
            "heic", "image/heic",
            "heif", "image/heif");

    private ContentParts() {}

    static ArrayNode of(JsonNode content) {
        ArrayNode parts = NODES.arrayNode();
        if (content.isTextual()) {
            addText(parts, content.asText());
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                switch (part.path("type").asText()) {
                    case "text" -> addText(parts, part.path("text").asText());
                    case "image_url" ->
                        addImage(parts, part.path("image_url").path("url").asText());
                    case "input_audio" -> addAudio(parts, part.path("input_audio"));
                    default -> {}
                }
            }
        }
        return parts;
    }

    /** The text of a content, parts joined; for system prompts. */
    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("type").asText().equals("text")) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    static void addText(ArrayNode parts, String text) {
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
    }

    private static void addImage(ArrayNode parts, String url) {
        if (url.startsWith("data:")) {
            addInline(parts, url);
        } else if (!url.isEmpty()) {
            parts.addObject()
                    .putObject("fileData")
                    .put("mimeType", guessImageType(url))
                    .put("fileUri", url);
        }
    }

    /** {@code data:<type>;base64,<data>}; a URI that is not base64 cannot become inline data. */
    private static void addInline(ArrayNode parts, String dataUri) {
        int comma = dataUri.indexOf(',');
        if (comma < 0) {
            return;
        }
        String header = dataUri.substring("data:".length(), comma);
        if (!header.endsWith(";base64")) {
            return;
        }
        String mimeType = header.substring(0, header.length() - ";base64".length());
        ObjectNode inline = parts.addObject().putObject("inlineData");
        inline.put("mimeType", mimeType.isEmpty() ? DEFAULT_IMAGE_TYPE : mimeType);
        inline.put("data", dataUri.substring(comma + 1));
    }

    private static void addAudio(ArrayNode parts, JsonNode audio) {
        String data = audio.path("data").asText();
        if (!data.isEmpty()) {
            String format = audio.path("format").asText("wav");
            parts.addObject()
                    .putObject("inlineData")
                    .put("mimeType", "audio/" + format)
                    .put("data", data);
        }
    }

    private static String guessImageType(String url) {
        String path = url;
        int end = indexOfAny(path, '?', '#');
        if (end >= 0) {
            path = path.substring(0, end);
        }
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('/')) {
            return DEFAULT_IMAGE_TYPE;
        }
        return IMAGE_TYPES.getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT_IMAGE_TYPE);
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}
