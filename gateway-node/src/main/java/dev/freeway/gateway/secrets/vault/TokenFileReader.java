package dev.freeway.gateway.secrets.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the Kubernetes service-account token that the {@code kubernetes} auth method presents.
 * Called at every login, never cached: projected tokens rotate while the pod runs.
 */
@FunctionalInterface
public interface TokenFileReader {

    /** The token in the file, without surrounding whitespace. */
    String read(Path path) throws IOException;

    /** Reads the file from disk; what a node uses outside tests. */
    static TokenFileReader fromDisk() {
        return path -> Files.readString(path).strip();
    }
}
