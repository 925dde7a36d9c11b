package dev.freeway.gateway.secrets;

/**
 * Where provider keys come from besides the config file: Vault, or the encrypted local store.
 *
 * <p>Threading: {@link #fetch()} blocks (network or disk) and is only ever called from a worker
 * thread, one call at a time; the caller schedules refreshes, backs off on failure and keeps
 * serving the last snapshot that succeeded.
 */
public interface KeySource extends AutoCloseable {

    /**
     * The complete current key set.
     *
     * @throws KeySourceException when the store cannot be read completely; never answered with an
     *     empty or partial snapshot (a 403 or 404 is a failure, not "no keys")
     */
    KeySnapshot fetch() throws KeySourceException;

    /** What the source is, for logs and readiness ("vault https://vault:8200 secret/freeway/providers"). */
    String describe();

    @Override
    default void close() {}
}
