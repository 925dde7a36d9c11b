package dev.freeway.gateway.provider.gemini;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Carries what Gemini needs back with a function call inside the OpenAI tool-call id, because
 * Freeway nodes keep no state between turns. Grammar: {@code base ["_ts_" signature]}, where
 * {@code base} is {@code call_gm_<Gemini's call id>} when Gemini issued one and
 * {@code call_<24 hex>} otherwise, and {@code signature} is the thought signature's bytes in
 * unpadded base64url. Every id matches {@code [A-Za-z0-9_-]+}, which other platforms require of
 * ids; neither form of {@code base} can contain {@code _ts_}, so the first marker splits. Ids in
 * any other form (from another platform earlier in the conversation) are kept as they are.
 */
final class ToolCallIds {
    private static final String SIGNATURE_MARKER = "_ts_";
    private static final String GEMINI_ID_PREFIX = "call_gm_";
    private static final Pattern GEMINI_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    private ToolCallIds() {}

    /** What an OpenAI tool-call id carries for Gemini. */
    record Decoded(String geminiId, String thoughtSignature) {}

    /**
     * The OpenAI id for the call at {@code position} (counted across the answer) of the answer
     * {@code completionId}.
     *
     * @param geminiId the id Gemini gave the call, or null
     * @param thoughtSignature the part's {@code thoughtSignature} (standard base64), or null
     */
    static String encode(String completionId, int position, String geminiId, String thoughtSignature) {
        String base = geminiId != null && GEMINI_ID.matcher(geminiId).matches()
                ? GEMINI_ID_PREFIX + geminiId
                : synthesised(completionId, position);
        byte[] signature = signatureBytes(thoughtSignature);
        return signature == null
                ? base
                : base
                        + SIGNATURE_MARKER
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /** What {@code openAiId} carries; both fields are null for ids Freeway did not make. */
    static Decoded decode(String openAiId) {
        int marker = openAiId.indexOf(SIGNATURE_MARKER);
        String base = marker < 0 ? openAiId : openAiId.substring(0, marker);
        String signature = null;
        if (marker >= 0) {
            String encoded = openAiId.substring(marker + SIGNATURE_MARKER.length());
            if (BASE64URL.matcher(encoded).matches()) {
                try {
                    signature = Base64.getEncoder()
                            .encodeToString(Base64.getUrlDecoder().decode(encoded));
                } catch (IllegalArgumentException notBase64) {
                    signature = null;
                }
            }
        }
        String geminiId = null;
        if (base.startsWith(GEMINI_ID_PREFIX)) {
            String candidate = base.substring(GEMINI_ID_PREFIX.length());
            geminiId = GEMINI_ID.matcher(candidate).matches() ? candidate : null;
        }
        return new Decoded(geminiId, signature);
    }

    private static String synthesised(String completionId, int position) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((completionId + '#' + position).getBytes(StandardCharsets.UTF_8));
            return "call_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", impossible);
        }
    }

    /** Gemini sends proto {@code bytes} as standard base64; accept the URL alphabet too. */
    private static byte[] signatureBytes(String signature) {
        if (signature == null || signature.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException notStandard) {
            try {
                return Base64.getUrlDecoder().decode(signature);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
    }
}
