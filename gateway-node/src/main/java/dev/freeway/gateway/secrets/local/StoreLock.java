package dev.freeway.gateway.secrets.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises read-modify-write of one store across processes (a {@code keys add} while the admin
 * API removes a key), so that neither change is lost. Readers need no lock: writes are renames.
 *
 * <p>The JVM refuses a second {@link FileLock} on the same file from another channel, so threads
 * and store instances in one process first queue on an in-process lock for the same path.
 */
final class StoreLock {
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final ReentrantLock local;

    StoreLock(Path storeFile) {
        this.lockFile = storeFile.resolveSibling(storeFile.getFileName() + ".lock");
        this.local = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), path -> new ReentrantLock());
    }

    <T> T around(Supplier<T> change) {
        local.lock();
        try {
            OwnerOnlyFiles.createDirectories(lockFile.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(
                            lockFile,
                            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                            OwnerOnlyFiles.fileAttributes(lockFile));
                    FileLock held = channel.lock()) {
                return change.get();
            }
        } catch (IOException e) {
            throw new LocalStoreException("cannot lock " + lockFile + ": " + e.getMessage());
        } finally {
            local.unlock();
        }
    }
}
