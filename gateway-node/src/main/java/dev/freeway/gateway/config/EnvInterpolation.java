package dev.freeway.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in string values of a parsed YAML tree.
 * Interpolating values after parsing (not the raw text) means a secret containing YAML syntax can
 * never change the structure of the file.
 */
final class EnvInterpolation {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private final Function<String, String> env;
    private final List<String> problems = new ArrayList<>();

    EnvInterpolation(Function<String, String> env) {
        this.env = env;
    }

    static EnvInterpolation of(Map<String, String> env) {
        return new EnvInterpolation(env::get);
    }

    /** Interpolates in place and returns the problems found, one per unset variable. */
    List<String> apply(JsonNode root) {
        walk(root, "");
        return problems;
    }

    private void walk(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isTextual()) {
                    field.setValue(new TextNode(interpolate(field.getValue().textValue(), childPath)));
                } else {
                    walk(field.getValue(), childPath);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String childPath = path + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    array.set(i, new TextNode(interpolate(array.get(i).textValue(), childPath)));
                } else {
                    walk(array.get(i), childPath);
                }
            }
        }
    }

    private String interpolate(String value, String path) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String resolved = env.apply(matcher.group(1));
            if (resolved == null || (resolved.isEmpty() && matcher.group(2) != null)) {
                resolved = matcher.group(3);
            }
            if (resolved == null) {
                problems.add(path + ": environment variable " + matcher.group(1) + " is not set");
                resolved = "";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
