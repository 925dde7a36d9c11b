package dev.freeway.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI message content (a string or an array of parts) as Anthropic content blocks. Text and
 * images translate; parts Anthropic has no block for (audio, files) are left out.
 */
final class ContentBlocks {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String BASE64 = ";base64";

    private ContentBlocks() {}

    /** The blocks of one message; empty text is skipped because Anthropic refuses empty text blocks. */
    static ArrayNode from(JsonNode content) {
        ArrayNode blocks = NODES.arrayNode();
        if (content.isTextual()) {
            addText(blocks, content.textValue());
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                switch (part.path("type").asText("")) {
                    case "text" -> addText(blocks, part.path("text").asText(""));
                    case "image_url" -> addImage(blocks, part.path("image_url"));
                    default -> {
                        // no Anthropic block matches; sending the part would fail the whole request
                    }
                }
            }
        }
        return blocks;
    }

    /** Only the text of some content, parts joined by newlines: what a system prompt can hold. */
    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }

    static ObjectNode textBlock(String text) {
        return NODES.objectNode().put("type", "text").put("text", text);
    }

    private static void addText(ArrayNode blocks, String text) {
        if (!text.isEmpty()) {
            blocks.add(textBlock(text));
        }
    }

    /** A {@code data:} URI is sent inline; any other URL Anthropic fetches itself. */
    private static void addImage(ArrayNode blocks, JsonNode imageUrl) {
        String url = imageUrl.isTextual()
                ? imageUrl.textValue()
                : imageUrl.path("url").asText("");
        if (url.isEmpty()) {
            return;
        }
        ObjectNode image = blocks.addObject().put("type", "image");
        ObjectNode source = image.putObject("source");
        int comma = url.indexOf(',');
        if (url.startsWith("data:") && comma > 0 && url.substring(0, comma).endsWith(BASE64)) {
            source.put("type", "base64");
            source.put("media_type", url.substring("data:".length(), comma - BASE64.length()));
            source.put("data", url.substring(comma + 1));
        } else {
            source.put("type", "url");
            source.put("url", url);
        }
    }
}
