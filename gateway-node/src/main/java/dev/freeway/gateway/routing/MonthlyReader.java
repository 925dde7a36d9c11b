package dev.freeway.gateway.routing;

import dev.freeway.gateway.cluster.UsageTotals;
import java.util.Collection;
import java.util.Map;

/** Something that needs the cluster's monthly totals of some subjects, read by {@link MonthlyPoll}. */
interface MonthlyReader {

    /** The subjects ({@code team:<name>}, {@code scope:<scope>}) it needs now; empty = none. */
    Collection<String> subjects();

    /** The totals of {@code month} as the cluster holds them; a subject absent = nothing counted. */
    void read(UtcMonth month, Map<String, UsageTotals> totals);
}
