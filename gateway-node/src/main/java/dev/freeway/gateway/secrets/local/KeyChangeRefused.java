package dev.freeway.gateway.secrets.local;

/**
 * A change to the key store was refused because of what was asked, not because the store failed.
 * The message is safe to show: it never contains the key.
 */
public final class KeyChangeRefused extends RuntimeException {
    /** Why the change was refused; callers map it to an HTTP status or an exit code. */
    public enum Reason {
        /** The provider id, key, account, project or key reference is malformed. */
        INVALID,
        /** The same key is already stored for that provider. */
        DUPLICATE,
        /** A last-4 reference matches more than one key. */
        AMBIGUOUS
    }

    private final Reason reason;

    public KeyChangeRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
