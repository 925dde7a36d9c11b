package dev.freeway.gateway.logging;

/**
 * Escapes the characters that start a new line in a log file or a log viewer, so that text from a
 * client or a provider cannot forge a log entry (CWE-117).
 */
final class LineBreaks {
    private LineBreaks() {}

    static String escape(String text) {
        int first = firstBreak(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                // NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR: some viewers and JSON shippers split on them.
                case '\u0085' -> out.append("\\u0085");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isBreak(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
