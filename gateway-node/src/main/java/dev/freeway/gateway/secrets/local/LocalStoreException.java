package dev.freeway.gateway.secrets.local;

/**
 * The local key store or its master key cannot be used: unreadable, wrong master key, unsafe
 * permissions. The message tells the operator what to do and is safe to print: it names files,
 * never a key.
 */
public final class LocalStoreException extends RuntimeException {
    public LocalStoreException(String message) {
        super(message);
    }
}
