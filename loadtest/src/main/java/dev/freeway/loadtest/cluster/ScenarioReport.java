package dev.freeway.loadtest.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** One scenario's figures against their targets, printed as a table and written as markdown. */
final class ScenarioReport {
    private final String title;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ScenarioReport(String title) {
        this.title = title;
    }

    /** @param pass null for a figure that has no target and is only reported */
    record Row(String figure, String target, String measured, Boolean pass) {
        String verdict() {
            return pass == null ? "" : pass ? "PASS" : "FAIL";
        }
    }

    ScenarioReport row(String figure, String target, String measured, boolean pass) {
        rows.add(new Row(figure, target, measured, pass));
        return this;
    }

    ScenarioReport info(String figure, String measured) {
        rows.add(new Row(figure, "", measured, null));
        return this;
    }

    ScenarioReport note(String note) {
        notes.add(note);
        return this;
    }

    boolean passed() {
        return rows.stream().allMatch(r -> r.pass() == null || r.pass());
    }

    String text() {
        int figure = width(Row::figure, "figure");
        int target = width(Row::target, "target");
        int measured = width(Row::measured, "measured");
        String format = "%-" + figure + "s  %-" + target + "s  %-" + measured + "s  %s%n";
        StringBuilder out = new StringBuilder(title).append(System.lineSeparator());
        out.append(String.format(format, "figure", "target", "measured", "pass"));
        for (Row row : rows) {
            out.append(String.format(format, row.figure(), row.target(), row.measured(), row.verdict()));
        }
        notes.forEach(note -> out.append("  ").append(note).append(System.lineSeparator()));
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
        out.append("| figure | target | measured | pass |\n|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ")
                    .append(String.join(" | ", row.figure(), row.target(), row.measured(), row.verdict()))
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.append('\n').toString();
    }

    private int width(Function<Row, String> column, String header) {
        return Math.max(
                header.length(),
                rows.stream().mapToInt(r -> column.apply(r).length()).max().orElse(0));
    }
}
