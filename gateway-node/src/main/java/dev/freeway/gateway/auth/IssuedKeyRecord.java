package dev.freeway.gateway.auth;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What the cluster keeps of a client key issued through the admin API: its SHA-256 digest, never
 * the key. {@code last4} is what every listing shows of a key anyway. Stored as JSON text so the
 * shared map needs no custom serializer (and Java deserialization stays filtered).
 */
public record IssuedKeyRecord(byte[] digest, String team, Instant createdAt, String last4, boolean revoked) {

    public IssuedKeyRecord revoke() {
        return new IssuedKeyRecord(digest, team, createdAt, last4, true);
    }

    public String encode() {
        return new JsonObject()
                .put("sha256", HexFormat.of().formatHex(digest))
                .put("team", team)
                .put("created_at", createdAt.toString())
                .put("last4", last4)
                .put("revoked", revoked)
                .encode();
    }

    public static IssuedKeyRecord decode(String text) {
        JsonObject json = new JsonObject(text);
        return new IssuedKeyRecord(
                HexFormat.of().parseHex(json.getString("sha256")),
                json.getString("team"),
                Instant.parse(json.getString("created_at")),
                json.getString("last4"),
                json.getBoolean("revoked", false));
    }
}
