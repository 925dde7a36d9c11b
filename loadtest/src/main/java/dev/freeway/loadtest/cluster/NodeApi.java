package dev.freeway.loadtest.cluster;

import java.io.IOException;
import java.time.Duration;

/** One node's admin API, and its data plane's answer to a client key. */
final class NodeApi {
    /** A usage read queries every member; on a busy box that can take longer than a readiness probe. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final NodeProcess node;
    private final ClusterAdmin admin;

    NodeApi(NodeProcess node, ClusterAdmin admin) {
        this.node = node;
        this.admin = admin;
    }

    String name() {
        return node.name();
    }

    /** {@code {"id", "key", ...}}, the key shown once. */
    Http.Reply issueKey(String team) {
        return admin("POST", "/admin/teams/" + team + "/keys", null);
    }

    Http.Reply revokeKey(String team, String id) {
        return admin("DELETE", "/admin/teams/" + team + "/keys/" + id, null);
    }

    Http.Reply putTeam(String team, String json) {
        return admin("PUT", "/admin/teams/" + team, json);
    }

    Http.Reply team(String team) {
        return admin("GET", "/admin/teams/" + team, null);
    }

    /** Every team's usage on {@code day} (UTC, YYYY-MM-DD). */
    Http.Reply usage(String day) {
        return admin("GET", "/admin/usage?day=" + day, null);
    }

    /** What {@code GET /v1/models} answers {@code clientKey}: 200 accepted, 401 refused. */
    int modelsStatus(String clientKey) {
        String url = "http://" + node.host() + ":" + node.target().port() + "/v1/models";
        return Http.send("GET", url, clientKey, null, TIMEOUT).status();
    }

    /**
     * Admissions this process decided from its local share past the admission deadline (its
     * {@code freeway_ledger_local_admissions_total}), or -1 when the scrape failed.
     */
    long localAdmissions() {
        return counter("freeway_ledger_local_admissions_total");
    }

    /**
     * Requests this process held at a window's end and admitted in the next, and admissions it took
     * again because the call would have reached the provider in a later window.
     */
    String windowEdge() {
        return counter("freeway_window_edge_holds_total") + "/" + counter("freeway_window_edge_readmissions_total");
    }

    private long counter(String name) {
        Http.Reply metrics =
                Http.send("GET", "http://" + node.host() + ":" + admin.port() + "/metrics", null, null, TIMEOUT);
        return metrics.body()
                .lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst()
                .orElse(-1);
    }

    /** The admin listener opens just after the data plane, so readiness alone does not mean it answers. */
    void awaitAdmin(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (admin("GET", "/admin/teams", null).status() != 200) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException(node.name() + "'s admin API not answering after " + timeoutMillis + " ms");
            }
            Thread.sleep(100);
        }
    }

    private Http.Reply admin(String method, String path, String json) {
        return Http.send(method, "http://" + node.host() + ":" + admin.port() + path, admin.token(), json, TIMEOUT);
    }
}
