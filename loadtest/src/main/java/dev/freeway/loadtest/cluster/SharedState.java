package dev.freeway.loadtest.cluster;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * State set through the admin API that a rolling restart must not lose: before the first restart a client
 * key is issued on node1 and team beta's settings are changed on node2; after the last, every node must
 * accept the key and show the settings. Last, the key is revoked on node3 and every node must refuse it.
 * Each change goes through a different node, so none of it can be one node's local copy.
 */
final class SharedState {
    private static final long WEIGHT = 3;
    private static final long RPM = 1234;
    private static final String SETTINGS = "{\"weight\":" + WEIGHT + ",\"limits\":{\"rpm\":" + RPM + "}}";
    /** The README's figure is under 100 ms; a second leaves room for a loaded box. */
    private static final long REVOKED_WITHIN_MS = 1_000;

    private static final long REVOCATION_TIMEOUT_MS = 10_000;

    private final String keyId;
    private final String key;
    private final long revision;

    private SharedState(String keyId, String key, long revision) {
        this.keyId = keyId;
        this.key = key;
        this.revision = revision;
    }

    static SharedState seed(Cluster cluster) throws IOException {
        JsonObject issued = answer(cluster.api(0).issueKey(ClusterAdmin.LOAD_TEAM), "issue a key on node1");
        JsonObject team = answer(cluster.api(1).putTeam(ClusterAdmin.OTHER_TEAM, SETTINGS), "set team beta on node2");
        return new SharedState(issued.getString("id"), issued.getString("key"), team.getLong("revision"));
    }

    /** The key's row, the settings' row, then the revocation's row (after which the key is gone). */
    void report(Cluster cluster, ScenarioReport report) {
        List<String> keyAnswers = new ArrayList<>();
        List<String> teamViews = new ArrayList<>();
        boolean keyKept = true;
        boolean teamKept = true;
        for (int i = 0; i < Cluster.SIZE; i++) {
            NodeApi api = cluster.api(i);
            int status = api.modelsStatus(key);
            keyKept &= status == 200;
            keyAnswers.add(api.name() + " " + status);
            Http.Reply team = api.team(ClusterAdmin.OTHER_TEAM);
            if (team.status() != 200) {
                teamKept = false;
                teamViews.add(api.name() + " HTTP " + team.status());
                continue;
            }
            JsonObject view = new JsonObject(team.body());
            long rev = view.getLong("revision");
            long weight = view.getLong("weight");
            long rpm = view.getJsonObject("limits").getLong("rpm");
            teamKept &= rev == revision && weight == WEIGHT && rpm == RPM;
            teamViews.add(String.format("%s rev %d, weight %d, rpm %d", api.name(), rev, weight, rpm));
        }
        report.row(
                        "key issued on node1 before the restarts: GET /v1/models",
                        "200 on every node",
                        String.join(", ", keyAnswers),
                        keyKept)
                .row(
                        "team beta set on node2 before the restarts",
                        "rev " + revision + ", weight " + WEIGHT + ", rpm " + RPM + " on every node",
                        String.join("; ", teamViews),
                        teamKept);
        revocationRow(cluster, report);
    }

    private void revocationRow(Cluster cluster, ScenarioReport report) {
        String figure = "same key revoked on node3 after the restarts: 401 from";
        String target = "every node ≤ " + REVOKED_WITHIN_MS + " ms";
        Http.Reply revoked = cluster.api(2).revokeKey(ClusterAdmin.LOAD_TEAM, keyId);
        if (revoked.status() != 204) {
            report.row(figure, target, "revocation answered HTTP " + revoked.status() + " " + revoked.body(), false);
            return;
        }
        long start = System.nanoTime();
        long[] refusedAfter = new long[Cluster.SIZE];
        int open = Cluster.SIZE;
        while (open > 0 && System.nanoTime() - start < REVOCATION_TIMEOUT_MS * 1_000_000) {
            for (int i = 0; i < Cluster.SIZE; i++) {
                if (refusedAfter[i] == 0 && cluster.api(i).modelsStatus(key) == 401) {
                    refusedAfter[i] = Math.max(1, System.nanoTime() - start);
                    open--;
                }
            }
        }
        List<String> measured = new ArrayList<>();
        boolean inTime = true;
        for (int i = 0; i < Cluster.SIZE; i++) {
            String name = cluster.api(i).name();
            if (refusedAfter[i] == 0) {
                inTime = false;
                measured.add(name + " still accepted after " + REVOCATION_TIMEOUT_MS / 1000 + " s");
            } else {
                inTime &= refusedAfter[i] <= REVOKED_WITHIN_MS * 1_000_000;
                measured.add(String.format("%s %.0f ms", name, refusedAfter[i] / 1e6));
            }
        }
        report.row(figure, target, String.join(", ", measured), inTime);
    }

    private static JsonObject answer(Http.Reply reply, String what) throws IOException {
        if (reply.status() != 200 && reply.status() != 201) {
            throw new IOException("could not " + what + ": HTTP " + reply.status() + " " + reply.body());
        }
        return new JsonObject(reply.body());
    }
}
