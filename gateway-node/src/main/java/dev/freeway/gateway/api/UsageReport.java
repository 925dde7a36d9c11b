package dev.freeway.gateway.api;

import dev.freeway.gateway.cluster.UsageMeter;
import dev.freeway.gateway.cluster.UsageRow;
import dev.freeway.gateway.cluster.UsageTotals;
import dev.freeway.gateway.routing.UsageRecorder;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage as reports show it: per team, provider and model, the provider keys summed so no key
 * fingerprint leaves the gateway. This node's own counts are flushed first, so a client sees its
 * own requests at once; other nodes' may trail by their flush interval (a second).
 *
 * <p>The client API asks for one team ({@link #team}); the admin API can ask for all ({@link #allTeams}).
 */
public final class UsageReport {
    private static final Comparator<UsageLine> ORDER = Comparator.comparing(UsageLine::team)
            .thenComparing(UsageLine::provider)
            .thenComparing(UsageLine::model);

    private final UsageMeter meter;
    private final UsageRecorder local;

    public UsageReport(UsageMeter meter, UsageRecorder local) {
        this.meter = meter;
        this.local = local;
    }

    /**
     * The UTC day a report asks for: {@code asked} as an ISO date, today when absent.
     *
     * @throws DateTimeParseException when {@code asked} is not {@code YYYY-MM-DD}
     */
    public static String day(String asked, Clock clock) {
        return asked == null
                ? LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString()
                : LocalDate.parse(asked).toString();
    }

    /** {@code team}'s lines on {@code day} (ISO date, UTC), never another team's. */
    public Future<List<UsageLine>> team(String team, String day) {
        return read(day, team);
    }

    /** Every team's lines on {@code day} (ISO date, UTC), ordered by team, provider, model. */
    public Future<List<UsageLine>> allTeams(String day) {
        return read(day, null);
    }

    private Future<List<UsageLine>> read(String day, String team) {
        // A failed flush keeps its counts for the next one; the report still answers with what is stored.
        return local.flush()
                .otherwiseEmpty()
                .compose(flushed -> meter.read(day, team))
                .map(UsageReport::lines);
    }

    static List<UsageLine> lines(List<UsageRow> rows) {
        Map<List<String>, UsageTotals> summed = new TreeMap<>(Comparator.comparing(Object::toString));
        for (UsageRow row : rows) {
            List<String> line = List.of(
                    row.key().day(),
                    row.key().team(),
                    row.key().provider(),
                    row.key().model());
            summed.merge(line, row.totals(), UsageTotals::plus);
        }
        List<UsageLine> lines = new ArrayList<>();
        summed.forEach((k, totals) -> lines.add(new UsageLine(k.get(0), k.get(1), k.get(2), k.get(3), totals)));
        lines.sort(ORDER);
        return List.copyOf(lines);
    }
}
