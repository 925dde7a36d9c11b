package dev.freeway.gateway.secrets;

/**
 * A secret store could not be read. The message must be safe to log and to show in readiness:
 * never a key, a token or a response body that might echo one.
 */
public final class KeySourceException extends Exception {
    public KeySourceException(String message) {
        super(message, null, false, false);
    }
}
