package dev.freeway.gateway.auth;

import io.vertx.core.Future;
import java.util.function.BiConsumer;

/**
 * The cluster-wide table of issued client keys (id → encoded {@link IssuedKeyRecord}), as the
 * auth package needs it; the cluster package implements it, so nothing here imports Hazelcast.
 */
public interface SharedKeyRecords {
    Future<Void> put(String id, String record);

    /** The record as the cluster holds it now, or null. */
    Future<String> get(String id);

    /**
     * Calls {@code onChange} for every record now in the table and for every later addition,
     * update or merge, on any node. Register before serving, so no change is missed.
     */
    void watch(BiConsumer<String, String> onChange);
}
