package dev.freeway.gateway.testing;

import dev.freeway.gateway.cluster.SharedTable;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** The cluster table without a cluster: changes reach every watcher at once, as events would. */
public final class InMemoryTable implements SharedTable {
    private final Map<String, String> records = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, String>> watchers = new CopyOnWriteArrayList<>();

    @Override
    public Future<Void> put(String id, String record) {
        records.put(id, record);
        watchers.forEach(watcher -> watcher.accept(id, record));
        return Future.succeededFuture();
    }

    @Override
    public Future<String> get(String id) {
        return Future.succeededFuture(records.get(id));
    }

    @Override
    public void watch(BiConsumer<String, String> onChange) {
        watchers.add(onChange);
        records.forEach(onChange);
    }

    /** Everything the table holds, as text: what a leak scan reads. */
    public String dump() {
        return records.toString();
    }

    /** Delivers an event for {@code record} without storing it, as a late or replayed event would. */
    public void replay(String id, String record) {
        watchers.forEach(watcher -> watcher.accept(id, record));
    }

    public String raw(String id) {
        return records.get(id);
    }
}
