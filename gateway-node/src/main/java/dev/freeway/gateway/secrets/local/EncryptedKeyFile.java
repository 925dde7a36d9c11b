package dev.freeway.gateway.secrets.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The store's file format. One line of JSON header, {@code {"format":1,"cipher":"AES-256-GCM",
 * "key_id":"1a2b3c4d","revision":7}}, then a 12-byte random nonce, then the AES-GCM ciphertext
 * (128-bit tag) of {@link StoreCodec}'s JSON. The header is authenticated as associated data, so
 * nobody can roll the revision back or swap the key id without the tag failing; the key id lets a
 * wrong master key be named as such before any decryption.
 *
 * <p>Writes go to a 0600 temporary file in the same directory, are synced, then renamed over the
 * store, so a crash leaves either the old file or the new one, never half of one.
 */
final class EncryptedKeyFile {
    static final int FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_HEADER_BYTES = 1024;
    /** Far above any real store; refuses to decrypt a wrong file of arbitrary size into memory. */
    private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the finished temporary file replaces the store; a test makes it fail like a crash would. */
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    /** What a cheap {@code stat} says about the file; a rename always changes the file key (inode). */
    record Stamp(Object fileKey, long modifiedNanos, long size) {}

    private final Path file;
    private final String masterKeyHint;
    private final Mover mover;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param masterKeyHint where master keys come from, for error messages:
     *     "FREEWAY_MASTER_KEY or /home/me/.freeway/master.key"
     */
    EncryptedKeyFile(Path file, String masterKeyHint) {
        this(
                file,
                masterKeyHint,
                (from, to) ->
                        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING));
    }

    EncryptedKeyFile(Path file, String masterKeyHint, Mover mover) {
        this.file = file;
        this.masterKeyHint = masterKeyHint;
        this.mover = mover;
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    /** The file's identity, time and size, or null when there is no file. */
    Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(
                    attributes.fileKey(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new LocalStoreException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The decrypted store; {@link StoreState#EMPTY} when the file does not exist. */
    StoreState read(MasterKey key) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw notAStore("larger than " + MAX_FILE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return StoreState.EMPTY;
        } catch (IOException e) {
            throw new LocalStoreException("cannot read the key store " + file + ": " + e.getMessage());
        }
        int newline = headerEnd(bytes);
        byte[] header = Arrays.copyOf(bytes, newline);
        JsonNode fields = parseHeader(header);
        if (fields.path("format").asInt() != FORMAT) {
            throw new LocalStoreException("the key store " + file + " has format " + fields.path("format")
                    + ", which this version of Freeway cannot read (it reads format " + FORMAT + ")");
        }
        String keyId = fields.path("key_id").asText();
        if (!keyId.equals(key.id())) {
            throw wrongKey("it was written with master key " + keyId + ", and the one from " + key.origin() + " is "
                    + key.id());
        }
        int body = newline + 1;
        if (bytes.length < body + NONCE_BYTES + TAG_BITS / 8) {
            throw notAStore("truncated");
        }
        byte[] plain = decrypt(key, header, bytes, body);
        try {
            return StoreCodec.decode(fields.path("revision").asLong(), plain, file);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Replaces the store with {@code state}, atomically, as a 0600 file. */
    void write(MasterKey key, StoreState state) {
        ObjectNode fields = JSON.createObjectNode()
                .put("format", FORMAT)
                .put("cipher", "AES-256-GCM")
                .put("key_id", key.id())
                .put("revision", state.revision());
        byte[] header = fields.toString().getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plain = StoreCodec.encode(state);
        byte[] sealed;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            sealed = cipher.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every JVM", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        ByteBuffer out = ByteBuffer.allocate(header.length + 1 + NONCE_BYTES + sealed.length)
                .put(header)
                .put((byte) '\n')
                .put(nonce)
                .put(sealed)
                .flip();
        replaceWith(out);
    }

    private void replaceWith(ByteBuffer content) {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            OwnerOnlyFiles.createDirectories(dir);
            temp = Files.createTempFile(
                    dir, "." + file.getFileName() + ".", ".tmp", OwnerOnlyFiles.fileAttributes(file));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            mover.move(temp, file);
            temp = null;
            OwnerOnlyFiles.syncDirectory(dir);
        } catch (IOException e) {
            throw new LocalStoreException(
                    "cannot write the key store " + file + " (it is unchanged): " + e.getMessage());
        } finally {
            deleteQuietly(temp);
        }
    }

    private byte[] decrypt(MasterKey key, byte[] header, byte[] bytes, int body) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, bytes, body, NONCE_BYTES));
            cipher.updateAAD(header);
            return cipher.doFinal(bytes, body + NONCE_BYTES, bytes.length - body - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw wrongKey("decryption failed, so either the master key is not the one it was written with"
                    + " or the file was modified");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every JVM", e);
        }
    }

    private int headerEnd(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, MAX_HEADER_BYTES); i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        throw notAStore("no header");
    }

    private JsonNode parseHeader(byte[] header) {
        try {
            JsonNode fields = JSON.readTree(header);
            if (fields != null && fields.isObject() && fields.has("key_id")) {
                return fields;
            }
        } catch (IOException e) {
            // Not JSON: reported below like any other file that is not a store.
        }
        throw notAStore("unreadable header");
    }

    private LocalStoreException wrongKey(String why) {
        return new LocalStoreException("the key store " + file + " cannot be opened with this master key ("
                + masterKeyHint + "): " + why + ". Use the master key the store was written with; the file is left"
                + " unchanged.");
    }

    private LocalStoreException notAStore(String why) {
        return new LocalStoreException(
                file + " is not a Freeway key store or is damaged (" + why + "); it is left unchanged");
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // A stray 0600 temporary file holds only ciphertext; the next write creates another.
        }
    }
}
