package dev.freeway.gateway.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the key to add from the terminal without echo, or from standard input when it is piped.
 * Never from the command line, where shell history and {@code ps} would keep it.
 */
final class KeyInput {
    private static final int MAX_BYTES = 16 * 1024;

    private final InputStream in;
    private final Console console;

    /** @param console the terminal, or null when input is piped (and in tests) */
    KeyInput(InputStream in, Console console) {
        this.in = in;
        this.console = console;
    }

    /** @throws IllegalArgumentException with a message for the operator when no single key was given */
    String read(String provider) throws IOException {
        String text;
        if (console != null) {
            char[] typed = console.readPassword("%s key (input hidden): ", provider);
            text = typed == null ? "" : new String(typed);
            if (typed != null) {
                Arrays.fill(typed, ' ');
            }
        } else {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IllegalArgumentException(
                        "standard input is larger than " + MAX_BYTES + " bytes; pipe in the key alone");
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        String key = text.strip();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("no key on standard input; pipe it in, for example:"
                    + " printf %s \"$GROQ_API_KEY\" | java -jar gateway-node.jar keys add " + provider);
        }
        if (key.contains("\n") || key.contains("\r")) {
            throw new IllegalArgumentException("standard input holds several lines; pipe in one key per `keys add`");
        }
        return key;
    }
}
