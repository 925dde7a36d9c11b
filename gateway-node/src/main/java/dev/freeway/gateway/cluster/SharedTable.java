package dev.freeway.gateway.cluster;

import io.vertx.core.Future;
import java.util.function.BiConsumer;

/**
 * A small cluster-wide table of records (name → text) that every node mirrors locally: issued
 * client keys, team settings. The hazelcast package implements it, so its users import no
 * Hazelcast.
 */
public interface SharedTable {
    Future<Void> put(String name, String record);

    /** The record as the cluster holds it now, or null. */
    Future<String> get(String name);

    /**
     * Calls {@code onChange} for every record now in the table and for every later addition,
     * update or merge, on any node. Register before serving, so no change is missed.
     */
    void watch(BiConsumer<String, String> onChange);
}
