package dev.freeway.gateway.provider;

import io.vertx.core.buffer.Buffer;

/**
 * Why an upstream attempt failed, as a value the router can act on. Client errors carry the
 * upstream's body so they can be passed through; everything else is a reason to try elsewhere.
 */
public final class UpstreamFailure extends RuntimeException implements QuotaReport {
    public enum Kind {
        /** A rate limit or quota ran out; {@link Axis} says which. */
        RATE_LIMITED,
        /** The account has no money or credit left (402, OpenAI's insufficient_quota): bench long. */
        OUT_OF_CREDIT,
        KEY_REJECTED,
        /** The platform is overloaded (Anthropic 529, Gemini 503): retry elsewhere, the key's quota is fine. */
        OVERLOADED,
        SERVER_ERROR,
        TIMEOUT,
        CONNECTION,
        MALFORMED,
        CLIENT_ERROR
    }

    /** Which limit a {@link Kind#RATE_LIMITED} failure hit, as far as the platform said. */
    public enum Axis {
        UNKNOWN,
        MINUTE,
        DAY,
        MONTH
    }

    private final Kind kind;
    private final Axis axis;
    private final int status;
    private final long retryAfterMillis;
    private final transient Buffer body;
    private final transient ProviderQuota quota;

    public UpstreamFailure(
            Kind kind, Axis axis, int status, long retryAfterMillis, Buffer body, ProviderQuota quota, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
        this.axis = axis;
        this.status = status;
        this.retryAfterMillis = retryAfterMillis;
        this.body = body;
        this.quota = quota;
    }

    public static UpstreamFailure of(Kind kind, String reason) {
        return new UpstreamFailure(kind, Axis.UNKNOWN, 0, 0, null, ProviderQuota.NONE, reason);
    }

    @Override
    public ProviderQuota quota() {
        return quota;
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#RATE_LIMITED}: which limit ran out, as far as the platform said. */
    public Axis axis() {
        return axis;
    }

    /** The upstream's HTTP status, 0 when none arrived. */
    public int status() {
        return status;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    public Buffer body() {
        return body;
    }

    public boolean retryable() {
        return kind != Kind.CLIENT_ERROR;
    }
}
