package dev.freeway.gateway.cli;

import dev.freeway.gateway.secrets.local.StoredKey;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code keys list} output: one row per key, showing only its last four characters. */
final class KeyTable {
    private static final String[] HEADER = {"PROVIDER", "INDEX", "KEY", "ACCOUNT", "PROJECT", "ADDED"};

    private KeyTable() {}

    static void print(Map<String, List<StoredKey>> keys, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        keys.forEach((provider, list) -> {
            for (int i = 0; i < list.size(); i++) {
                StoredKey key = list.get(i);
                rows.add(new String[] {
                    provider,
                    Integer.toString(i),
                    key.masked(),
                    orDash(key.account()),
                    orDash(key.project()),
                    key.addedAt().toString()
                });
            }
        });
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? row[c] : pad(row[c], widths[c] + 2));
            }
            out.println(line);
        }
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static String pad(String value, int width) {
        return value + " ".repeat(width - value.length());
    }
}
