package dev.freeway.gateway.catalog;

import java.util.regex.Pattern;

/**
 * Model globs as operators write them in config and catalog: {@code *} matches any run of
 * characters ({@code /} included, so {@code meta/*} covers every Meta model), {@code ?} one
 * character; everything else is literal.
 */
public final class Globs {
    private Globs() {}

    public static Pattern compile(String glob) {
        if (glob.equals("*")) {
            return Pattern.compile(".*");
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString());
    }
}
