package dev.freeway.gateway.provider.gemini;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the upstream model's name tells about the request it accepts. */
final class ModelTraits {
    private static final Pattern GEMINI_MAJOR = Pattern.compile("^gemini-(\\d{1,3})");

    private ModelTraits() {}

    /**
     * Gemma models on the Gemini API reject system instructions ("Developer instruction is not
     * enabled") and thinking settings.
     */
    static boolean isGemma(String model) {
        return model.toLowerCase(Locale.ROOT).startsWith("gemma");
    }

    /**
     * Gemini 3 rejects a replayed function call without a thought signature. Aliases without a
     * version ({@code gemini-flash-latest}) may point at Gemini 3, so they count too; versions 1
     * and 2 ignore signatures.
     */
    static boolean validatesThoughtSignatures(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        if (!name.startsWith("gemini")) {
            return false;
        }
        Matcher major = GEMINI_MAJOR.matcher(name);
        return !major.find() || Integer.parseInt(major.group(1)) >= 3;
    }
}
