package dev.freeway.gateway.auth;

import dev.freeway.gateway.cluster.SharedTable;
import dev.freeway.gateway.secrets.Secret;
import io.vertx.core.Future;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client keys issued at runtime. The cluster table holds their digests; every node authenticates
 * from a local mirror of it, kept current by the table's change events (this node's own writes
 * update it directly), so a request never waits on the cluster. Revocation is one-way: once a
 * mirror has seen a key revoked, a late or merged event cannot bring it back.
 */
public final class IssuedKeys {
    private static final Logger LOG = LoggerFactory.getLogger(IssuedKeys.class);
    /** Compared against when the id is unknown, so that case costs what a wrong secret costs. */
    private static final byte[] NO_DIGEST = new byte[32];

    public record Issued(String id, String key, String team, Instant createdAt) {
        @Override
        public String toString() {
            return "Issued[id=" + id + ", team=" + team + "]";
        }
    }

    public record Listed(String id, Instant createdAt, boolean revoked, String last4) {}

    private final SharedTable shared;
    private final Clock clock;
    private final Map<String, IssuedKeyRecord> mirror = new ConcurrentHashMap<>();

    public IssuedKeys(SharedTable shared, Clock clock) {
        this.shared = shared;
        this.clock = clock;
        shared.watch(this::remember);
    }

    /** A new key for {@code team}; its plaintext exists only in the returned value. */
    public Future<Issued> issue(String team) {
        String id = IssuedKeyFormat.newId();
        String key = IssuedKeyFormat.newKey(id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        IssuedKeyRecord record =
                new IssuedKeyRecord(Secret.sha256(key), team, now, key.substring(key.length() - 4), false);
        return shared.put(id, record.encode()).map(done -> {
            mirror.merge(id, record, IssuedKeys::keepRevoked);
            return new Issued(id, key, team, now);
        });
    }

    /**
     * Revokes {@code id} if it belongs to {@code team}: false when no such key. Read from the
     * cluster, not the mirror, so a key issued a moment ago on another node can be revoked too.
     */
    public Future<Boolean> revoke(String team, String id) {
        return shared.get(id).compose(text -> {
            IssuedKeyRecord record = text == null ? null : IssuedKeyRecord.decode(text);
            if (record == null || !record.team().equals(team)) {
                return Future.succeededFuture(false);
            }
            IssuedKeyRecord revoked = record.revoke();
            mirror.merge(id, revoked, IssuedKeys::keepRevoked);
            return record.revoked()
                    ? Future.succeededFuture(true)
                    : shared.put(id, revoked.encode()).map(true);
        });
    }

    /** {@code team}'s keys as this node's mirror holds them, oldest first. */
    public List<Listed> list(String team) {
        return mirror.entrySet().stream()
                .filter(e -> e.getValue().team().equals(team))
                .map(e -> new Listed(
                        e.getKey(),
                        e.getValue().createdAt(),
                        e.getValue().revoked(),
                        e.getValue().last4()))
                .sorted(Comparator.comparing(Listed::createdAt).thenComparing(Listed::id))
                .toList();
    }

    /**
     * The team of a live issued key. Looked up by the id in the key, then the digests compared
     * with {@link MessageDigest#isEqual}; malformed and unknown keys take the same path, so they
     * are refused, never an error.
     */
    public Optional<Team> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        String id = IssuedKeyFormat.idOf(presented);
        IssuedKeyRecord record = id == null ? null : mirror.get(id);
        byte[] expected = record == null ? NO_DIGEST : record.digest();
        boolean equal = MessageDigest.isEqual(expected, Secret.sha256(presented));
        return equal && record != null && !record.revoked() ? Optional.of(new Team(record.team())) : Optional.empty();
    }

    private void remember(String id, String text) {
        IssuedKeyRecord record;
        try {
            record = IssuedKeyRecord.decode(text);
        } catch (RuntimeException e) {
            // A record this node cannot read authenticates nothing; the id is not secret.
            LOG.warn("ignoring unreadable client key record {}", id);
            return;
        }
        mirror.merge(id, record, IssuedKeys::keepRevoked);
    }

    private static IssuedKeyRecord keepRevoked(IssuedKeyRecord old, IssuedKeyRecord fresh) {
        return old.revoked() ? old : fresh;
    }
}
