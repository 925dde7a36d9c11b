package dev.freeway.loadtest.cluster;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the child JVMs' code lives. */
final class Jars {
    private Jars() {}

    /** The jar this class was loaded from, which also holds the simulator. */
    static Path loadtest() {
        try {
            Path self = Path.of(Jars.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!Files.isRegularFile(self)) {
                throw new IllegalStateException("run from loadtest.jar (java -jar), not from " + self);
            }
            return self;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
