package dev.freeway.gateway.deploy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * The build context's {@code .dockerignore}, read as Docker reads it: patterns in order, the last
 * one that matches a path or any of its parent directories decides, {@code !} re-includes.
 */
record DockerIgnore(List<String> patterns) {
    static DockerIgnore read(Path file) throws IOException {
        return new DockerIgnore(Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList());
    }

    /** Whether {@code path} (relative to the context root) reaches the build. */
    boolean sends(String path) {
        boolean sent = true;
        for (String pattern : patterns) {
            boolean include = pattern.startsWith("!");
            String glob = stripSlashes(include ? pattern.substring(1) : pattern);
            if (matchesItselfOrAParent(glob, stripSlashes(path))) {
                sent = include;
            }
        }
        return sent;
    }

    private static boolean matchesItselfOrAParent(String glob, String path) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        for (Path candidate = Path.of(path); candidate != null; candidate = candidate.getParent()) {
            if (matcher.matches(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static String stripSlashes(String path) {
        String stripped = path.startsWith("/") ? path.substring(1) : path;
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
