package dev.freeway.gateway.secrets.vault;

import io.github.jopenlibs.vault.VaultException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * One Vault call failed. The message names the call, the path and the HTTP status or the kind of
 * I/O failure, and nothing else: driver exceptions carry response bodies, which can echo a key or
 * a token, so their messages are never copied.
 */
final class VaultCallException extends Exception {
    private final int status;

    private VaultCallException(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    /** Vault answered, with a status the caller cannot use. */
    static VaultCallException status(String call, int status) {
        String meaning = switch (status) {
            case 403 -> " (permission denied: token expired or revoked, or the policy does not allow it)";
            case 404 -> " (not found)";
            default -> "";
        };
        return new VaultCallException(call + ": HTTP " + status + meaning, status);
    }

    /** Vault answered 200, but not in the shape the call expects. */
    static VaultCallException malformed(String call, String what) {
        return new VaultCallException(call + ": unexpected response, " + what, 200);
    }

    /** Anything the driver threw, rephrased from its type and status only. */
    static VaultCallException from(String call, Throwable thrown, Duration timeout) {
        if (thrown instanceof VaultException vault && vault.getHttpStatusCode() == 200) {
            // The driver's auth calls reject a 200 whose content type is not exactly application/json.
            return malformed(call, "not application/json");
        }
        if (thrown instanceof VaultException vault && vault.getHttpStatusCode() > 0) {
            return status(call, vault.getHttpStatusCode());
        }
        if (interrupted(thrown)) {
            // The driver wraps InterruptedException and loses the flag; the caller's executor needs it.
            Thread.currentThread().interrupt();
            return new VaultCallException(call + ": interrupted", 0);
        }
        return new VaultCallException(call + ": " + describe(rootCause(thrown), timeout), 0);
    }

    /** A local problem before any call, such as an unreadable token file. */
    static VaultCallException local(String message) {
        return new VaultCallException(message, 0);
    }

    /** 0 when Vault did not answer. */
    int status() {
        return status;
    }

    /** Vault refused the token: the one failure a fresh login can cure. */
    boolean denied() {
        return status == 403;
    }

    private static String describe(Throwable cause, Duration timeout) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no response within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof IOException) {
            return "I/O error (" + cause.getClass().getSimpleName() + ")";
        }
        return "failed (" + cause.getClass().getSimpleName() + ")";
    }

    private static Throwable rootCause(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof HttpTimeoutException || cause instanceof ConnectException) {
                return cause;
            }
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean interrupted(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
