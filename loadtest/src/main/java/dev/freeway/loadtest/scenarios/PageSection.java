package dev.freeway.loadtest.scenarios;

/**
 * One {@code ## } section of a markdown page. The cluster comparison and the single-node cells are run
 * separately and write the same page, so each replaces only its own part.
 */
final class PageSection {
    private PageSection() {}

    /** The section from its heading up to the next {@code ## } heading; empty when the page has none. */
    static String extract(String page, String heading) {
        int start = start(page, heading);
        return start < 0 ? "" : page.substring(start, end(page, start));
    }

    /** The page with the section swapped for {@code section}, or with it appended. */
    static String replace(String page, String heading, String section) {
        int start = start(page, heading);
        if (start < 0) {
            return page.isEmpty() ? section : page.stripTrailing() + "\n\n" + section;
        }
        return page.substring(0, start) + section + page.substring(end(page, start));
    }

    private static int start(String page, String heading) {
        if (page.startsWith(heading + "\n")) {
            return 0;
        }
        int at = page.indexOf("\n" + heading + "\n");
        return at < 0 ? -1 : at + 1;
    }

    private static int end(String page, int start) {
        int next = page.indexOf("\n## ", start + 1);
        return next < 0 ? page.length() : next + 1;
    }
}
