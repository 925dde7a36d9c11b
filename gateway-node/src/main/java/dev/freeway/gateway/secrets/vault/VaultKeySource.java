package dev.freeway.gateway.secrets.vault;

import dev.freeway.gateway.config.VaultSettings;
import dev.freeway.gateway.secrets.KeySnapshot;
import dev.freeway.gateway.secrets.KeySource;
import dev.freeway.gateway.secrets.KeySourceException;
import io.github.jopenlibs.vault.Vault;
import java.time.Clock;

/**
 * Provider API keys from HashiCorp Vault, KV version 2.
 *
 * <h2>Layout</h2>
 *
 * With {@code secrets.vault.kv_mount: secret} and {@code path: freeway/providers} (the defaults),
 * each provider is one secret named by its provider id, holding one field {@code keys}:
 *
 * <pre>
 * secret/freeway/providers/groq     keys = ["gsk_...", "gsk_..."]
 * secret/freeway/providers/google   keys = [{"value": "AIza...", "project": "team-a"},
 *                                           {"value": "AIza...", "project": "team-b"}]
 * secret/freeway/providers/cloudflare
 *                                   keys = [{"value": "...", "account": "0123abcd"}]
 * </pre>
 *
 * <p>Each item of {@code keys} is a string (the key) or an object with {@code value} (required),
 * {@code account} and {@code project} (optional), the same shapes as {@code keys} in the config
 * file. Any other field fails the read, so a misspelt one is never dropped silently. Names ending in
 * {@code /} (folders below the path) are ignored. Write a list with the CLI by repeating the field
 * ({@code vault kv put secret/freeway/providers/groq keys=gsk_a keys=gsk_b}) or, for objects,
 * by piping JSON ({@code echo '{"keys":[{"value":"...","project":"p"}]}' | vault kv put
 * secret/freeway/providers/google -}).
 *
 * <p>Rotation: write a new version of the provider's secret; every node picks it up at its next
 * refresh and stops using keys the new version no longer lists. Nothing needs a restart. To remove
 * a provider, delete its metadata ({@code vault kv metadata delete ...}); soft-deleting only the
 * latest version makes that secret answer 404, which fails every refresh (the node then keeps
 * serving the keys it last read).
 *
 * <p>Policy: {@code list} on {@code <mount>/metadata/<path>} and {@code read} on
 * {@code <mount>/data/<path>/*}.
 *
 * <h2>Behaviour</h2>
 *
 * <ul>
 *   <li>The snapshot version is the KV version of each provider secret, as in {@code
 *       google@7,groq@3}, for logs that never name a key.
 *   <li>Any answer but 200 fails the whole fetch: a 403 or a 404 (the path is gone) is an error,
 *       never an empty key set. A LIST that answers 200 with no providers is a legitimate empty
 *       snapshot.
 *   <li>Every call has the {@code timeout_ms} deadline and the driver retries nothing; the caller
 *       backs off and keeps serving the last good snapshot.
 *   <li>Auth {@code token} (given), {@code approle} (role_id and secret_id) or {@code kubernetes}
 *       (role and the service-account JWT, re-read from {@code jwt_path} at every login). The
 *       token is renewed once two thirds of its TTL have passed, checked at each fetch; when
 *       renewal fails or no longer extends it (its max TTL), approle and kubernetes log in again,
 *       while the {@code token} method reports the failure because nothing can replace the token.
 *       A 403 on a read with approle or kubernetes logs in once more and retries the read once.
 *   <li>Auth {@code agent}: a Vault Agent beside the node (its cache listener with
 *       {@code use_auto_auth_token = force}) owns the token; the node never logs in or renews and
 *       sends no token, and a 403 is reported, since only the agent can get a new token.
 *   <li>Failure messages hold the call, the path and the HTTP status or I/O failure only: never a
 *       response body, a token or a key.
 * </ul>
 *
 * <p>Threading: {@link #fetch()} blocks; call it from a worker thread, one call at a time.
 */
public final class VaultKeySource implements KeySource {
    private final String description;
    private final VaultSession session;
    private final ProviderKeysReader reader;

    public VaultKeySource(VaultSettings settings) {
        this(settings, Clock.systemUTC(), TokenFileReader.fromDisk());
    }

    /**
     * @param clock decides when the token is due for renewal
     * @param jwtReader reads the Kubernetes service-account token at every login
     */
    public VaultKeySource(VaultSettings settings, Clock clock, TokenFileReader jwtReader) {
        VaultClients clients = new VaultClients(settings);
        String path = VaultClients.trimSlashes(settings.path());
        this.description = "vault " + settings.address() + " " + clients.kvMount() + (path.isEmpty() ? "" : "/" + path);
        this.session = new VaultSession(VaultLogin.from(settings.auth(), jwtReader), clients, clock);
        this.reader = new ProviderKeysReader(clients, settings.path());
    }

    @Override
    public synchronized KeySnapshot fetch() throws KeySourceException {
        try {
            Vault vault = session.current();
            try {
                return reader.read(vault);
            } catch (VaultCallException e) {
                if (!e.denied() || !session.canLogInAgain()) {
                    throw e;
                }
                // The token was revoked or expired early (Vault restarted, an operator revoked it):
                // one fresh login and one more read, then the failure stands.
                return reader.read(session.logInAgain());
            }
        } catch (VaultCallException e) {
            throw new KeySourceException(e.getMessage());
        }
    }

    @Override
    public String describe() {
        return description;
    }
}
