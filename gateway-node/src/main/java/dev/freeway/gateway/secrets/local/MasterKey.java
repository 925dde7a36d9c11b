package dev.freeway.gateway.secrets.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit AES key that encrypts the local key store. It comes from {@code FREEWAY_MASTER_KEY}
 * (base64 of 32 bytes) when that is set, otherwise from a key file that only its owner may read.
 * Neither the key nor anything derived from it but its {@link #id()} is ever printed.
 */
public final class MasterKey {
    public static final String ENV = "FREEWAY_MASTER_KEY";
    private static final int BYTES = 32;
    private static final String HOW_TO_MAKE_ONE = "openssl rand -base64 32";

    private final SecretKey key;
    private final String id;
    private final String origin;

    private MasterKey(byte[] raw, String origin) {
        this.key = new SecretKeySpec(raw, "AES");
        this.id = HexFormat.of().formatHex(sha256(raw)).substring(0, 8);
        this.origin = origin;
        Arrays.fill(raw, (byte) 0);
    }

    /**
     * The key from {@code FREEWAY_MASTER_KEY}, else from {@code keyFile}, else empty; never creates
     * one, so that reading a store can never replace the key it was written with.
     *
     * @throws LocalStoreException when the variable or the file holds anything but 32 bytes in
     *     base64, or the file is readable by group or others
     */
    public static Optional<MasterKey> find(Map<String, String> env, Path keyFile) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new MasterKey(decode(fromEnv, ENV), ENV));
        }
        if (!Files.exists(keyFile)) {
            return Optional.empty();
        }
        try {
            OwnerOnlyFiles.requirePrivate(keyFile);
            String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
            return Optional.of(new MasterKey(decode(text, keyFile.toString()), keyFile.toString()));
        } catch (IOException e) {
            throw new LocalStoreException("cannot read the master key file " + keyFile + ": " + e.getMessage());
        }
    }

    /**
     * Writes a fresh random key to {@code keyFile} (0600, parent directories 0700). If another
     * process created the file first, that key is used instead, so two first writers agree.
     */
    public static MasterKey createIn(Path keyFile) {
        byte[] raw = new byte[BYTES];
        new SecureRandom().nextBytes(raw);
        byte[] text = (Base64.getEncoder().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            OwnerOnlyFiles.createDirectories(keyFile.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(
                    keyFile,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    OwnerOnlyFiles.fileAttributes(keyFile))) {
                channel.write(ByteBuffer.wrap(text));
                channel.force(true);
            }
            return new MasterKey(raw, keyFile.toString());
        } catch (FileAlreadyExistsException e) {
            Arrays.fill(raw, (byte) 0);
            return find(Map.of(), keyFile).orElseThrow();
        } catch (IOException e) {
            Arrays.fill(raw, (byte) 0);
            throw new LocalStoreException("cannot create the master key file " + keyFile + ": " + e.getMessage());
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    /** The first 8 hex digits of the key's SHA-256: names the key in the store's header, reveals nothing. */
    public String id() {
        return id;
    }

    /** Where the key came from: {@code FREEWAY_MASTER_KEY} or the key file's path. */
    public String origin() {
        return origin;
    }

    SecretKey secretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + id + ", from " + origin + "]";
    }

    private static byte[] decode(String text, String source) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new LocalStoreException(source
                    + ": not valid base64; the master key must be 32 random bytes in base64 (" + HOW_TO_MAKE_ONE + ")");
        }
        if (raw.length != BYTES) {
            int length = raw.length;
            Arrays.fill(raw, (byte) 0);
            throw new LocalStoreException(source + ": decodes to " + length
                    + " bytes; the master key must be 32 random bytes in base64 (" + HOW_TO_MAKE_ONE + ")");
        }
        return raw;
    }

    private static byte[] sha256(byte[] raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
