package dev.freeway.gateway.cluster;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where usage is counted: UTC day, team, and the candidate's limit scope (one provider key and
 * model), with the provider and model kept apart so reports never have to parse the scope, whose
 * key fingerprint they must not show.
 *
 * <p>Encoded {@code day|team|provider|model|scope}, each part URL-encoded so a {@code |} in a team
 * or model name cannot shift the parts; the day and team come first so one team's day is a key
 * prefix.
 */
public record UsageKey(String day, String team, String provider, String model, String scope) {

    public String encode() {
        return prefix(day, team) + part(provider) + '|' + part(model) + '|' + part(scope);
    }

    public static UsageKey decode(String encoded) {
        String[] parts = encoded.split("\\|", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("not a usage key: " + encoded);
        }
        return new UsageKey(unpart(parts[0]), unpart(parts[1]), unpart(parts[2]), unpart(parts[3]), unpart(parts[4]));
    }

    /** Whether {@code encoded} is a key of this layout; counters written by older nodes were {@code day|scope}. */
    public static boolean readable(String encoded) {
        return encoded.split("\\|", -1).length == 5;
    }

    /** The start of every key of {@code day}, or of {@code team}'s keys on it when team is not null. */
    public static String prefix(String day, String team) {
        return part(day) + '|' + (team == null ? "" : part(team) + '|');
    }

    private static String part(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String unpart(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
