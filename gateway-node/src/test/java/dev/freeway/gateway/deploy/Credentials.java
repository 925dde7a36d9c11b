package dev.freeway.gateway.deploy;

import java.util.regex.Pattern;

/**
 * Whether a string in a manifest looks like a credential: a known key or token prefix, or a long
 * run of mixed letters and digits with the spread of characters random material has. Names, paths,
 * DNS names and URLs split into short or low-entropy words and pass.
 */
final class Credentials {
    private static final Pattern KNOWN_PREFIX = Pattern.compile(
            "(?i)(?<![a-z0-9])(sk-|sk_|gsk_|csk-|hvs\\.|hvb\\.|ghp_|github_pat_|xox[abpr]-|aiza|fw_live_|bearer\\s)");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s\"'`,;:=/@()\\[\\]{}]+");
    private static final int RANDOM_MIN_LENGTH = 24;
    private static final double RANDOM_MIN_BITS_PER_CHAR = 3.5;

    private Credentials() {}

    static boolean looksLikeOne(String text) {
        if (KNOWN_PREFIX.matcher(text).find()) {
            return true;
        }
        for (String word : WORD_SEPARATORS.split(text)) {
            if (word.length() >= RANDOM_MIN_LENGTH
                    && word.chars().anyMatch(Character::isDigit)
                    && word.chars().anyMatch(Character::isLetter)
                    && bitsPerChar(word) >= RANDOM_MIN_BITS_PER_CHAR) {
                return true;
            }
        }
        return false;
    }

    private static double bitsPerChar(String word) {
        int[] counts = new int[128];
        word.chars().filter(c -> c < 128).forEach(c -> counts[c]++);
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / word.length();
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        return bits;
    }
}
