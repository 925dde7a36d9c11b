package dev.freeway.gateway.provider.wire;

/** An upstream answer that does not have its platform's documented shape. */
public final class WireException extends RuntimeException {
    public WireException(String message) {
        super(message, null, false, false);
    }
}
