package dev.freeway.gateway.admin;

import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.secrets.KeySnapshot;
import dev.freeway.gateway.secrets.local.KeyEntry;
import dev.freeway.gateway.secrets.local.KeyStoreAdmin;
import dev.freeway.gateway.secrets.local.LocalStoreException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/keys}: list, add and remove provider keys. Store calls read and fsync the file, so
 * they run on a worker thread. Changes go to the audit log by provider, index and last four
 * characters, never by value.
 */
final class KeysHandler {
    private static final Logger AUDIT = LoggerFactory.getLogger("freeway.audit");
    private static final Logger LOG = LoggerFactory.getLogger(KeysHandler.class);
    private static final Set<String> BODY_FIELDS = Set.of("value", "account", "project");

    private final Vertx vertx;
    private final KeyStoreAdmin store;
    private final Supplier<KeySnapshot> serving;

    /** @param store null when this node's keys cannot be changed here (Vault, config file) */
    KeysHandler(Vertx vertx, KeyStoreAdmin store, Supplier<KeySnapshot> serving) {
        this.vertx = vertx;
        this.store = store;
        this.serving = serving;
    }

    /**
     * A writable store is listed from the store itself, so that a key just added shows at once and
     * the indexes are the ones DELETE takes; otherwise the keys the node is serving are listed.
     */
    void list(RoutingContext ctx) {
        if (store == null) {
            ctx.json(KeyViews.serving(serving.get()));
            return;
        }
        vertx.executeBlocking(store::list)
                .onSuccess(keys -> ctx.json(KeyViews.stored(keys, serving.get())))
                .onFailure(failure -> fail(ctx, failure));
    }

    void add(RoutingContext ctx) {
        if (store == null) {
            ctx.fail(AdminErrors.managedElsewhere());
            return;
        }
        KeyConfig key;
        try {
            key = parse(ctx);
        } catch (RuntimeException e) {
            ctx.fail(
                    AdminErrors.badBody(
                            "The body must be a JSON object {\"value\": \"<key>\", \"account\"?: \"...\", \"project\"?: \"...\"}."));
            return;
        }
        String provider = ctx.pathParam("provider");
        vertx.executeBlocking(() -> store.add(provider, key))
                .onSuccess(entry -> {
                    audit("added", entry, ctx);
                    ctx.response().setStatusCode(201);
                    ctx.json(KeyViews.added(entry));
                })
                .onFailure(failure -> fail(ctx, failure));
    }

    void remove(RoutingContext ctx) {
        if (store == null) {
            ctx.fail(AdminErrors.managedElsewhere());
            return;
        }
        String provider = ctx.pathParam("provider");
        String ref = ctx.pathParam("key");
        vertx.executeBlocking(() -> store.remove(provider, ref))
                .onSuccess(removed -> {
                    if (removed.isEmpty()) {
                        ctx.fail(AdminErrors.keyNotFound(provider));
                        return;
                    }
                    audit("removed", removed.get(), ctx);
                    ctx.response().setStatusCode(204).end();
                })
                .onFailure(failure -> fail(ctx, failure));
    }

    /** Unknown fields are refused: a misspelt {@code "key"} must not store a key without its value. */
    private static KeyConfig parse(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        if (body == null || !BODY_FIELDS.containsAll(body.fieldNames())) {
            throw new IllegalArgumentException("unexpected body");
        }
        return new KeyConfig(body.getString("value"), body.getString("account"), body.getString("project"));
    }

    private static void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof LocalStoreException) {
            // The route pattern, not the request path: an operator may have pasted a key into the URL.
            LOG.warn(
                    "admin {} {}: {}",
                    ctx.request().method(),
                    ctx.currentRoute().getPath(),
                    failure.getMessage());
        }
        ctx.fail(AdminErrors.of(failure));
    }

    private static void audit(String what, KeyEntry entry, RoutingContext ctx) {
        AUDIT.info(
                "admin {} {} key {} ({}) from {}",
                what,
                entry.provider(),
                entry.index(),
                entry.key().masked(),
                AuditSource.of(ctx));
    }
}
