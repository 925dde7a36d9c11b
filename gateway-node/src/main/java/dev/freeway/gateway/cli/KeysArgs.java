package dev.freeway.gateway.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code keys} command line: a subcommand, its positional arguments and the options, which may
 * come anywhere. An unknown option is an error rather than a positional, so a typo never becomes
 * a provider id.
 */
record KeysArgs(String command, List<String> positional, Map<String, String> options) {
    private static final List<String> WITH_VALUE = List.of("--config", "--account", "--project");
    private static final List<String> FLAGS = List.of("--force", "--help");

    /** Thrown for a malformed command line; the message is printed above the usage text. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    static KeysArgs parse(String... args) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (WITH_VALUE.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new UsageError(arg + " needs a value");
                }
                options.put(arg, args[++i]);
            } else if (FLAGS.contains(arg) || "-h".equals(arg)) {
                options.put("-h".equals(arg) ? "--help" : arg, "true");
            } else if (arg.startsWith("--")) {
                throw new UsageError("unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        String command = positional.isEmpty() ? null : positional.remove(0);
        return new KeysArgs(command, List.copyOf(positional), Map.copyOf(options));
    }

    String option(String name) {
        return options.get(name);
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }
}
