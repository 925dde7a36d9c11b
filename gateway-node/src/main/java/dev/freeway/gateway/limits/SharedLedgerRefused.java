package dev.freeway.gateway.limits;

/**
 * The shared ledger refused to answer because this node is on the minority side of a split: the
 * majority keeps the shared limits, so this side must not admit on its own.
 */
public final class SharedLedgerRefused extends RuntimeException {
    public SharedLedgerRefused(Throwable cause) {
        super("this node is in a cluster minority; shared limits are read-only here", cause, false, false);
    }
}
