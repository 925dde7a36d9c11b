package dev.freeway.gateway.catalog.entry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.freeway.gateway.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the shipped catalog from the classpath (the cluster-config jar): {@code catalog/index.yaml}
 * lists the platforms, one {@code catalog/<id>.yaml} each. Unknown keys are errors, as in the
 * gateway config, so a typo in the data cannot silently drop a limit.
 */
public final class CatalogLoader {
    public static final String INDEX = "catalog/index.yaml";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private record Index(List<String> platforms) {}

    /** Every platform, bound and checked against the schema. */
    public List<PlatformEntry> load() {
        List<PlatformEntry> platforms = new ArrayList<>();
        for (String id : read(INDEX, Index.class).platforms()) {
            PlatformEntry platform = read(file(id), PlatformEntry.class);
            if (!id.equals(platform.id())) {
                throw new ConfigException(file(id) + ": id is '" + platform.id() + "', expected '" + id + "'");
            }
            platforms.add(platform);
        }
        return List.copyOf(platforms);
    }

    /** Every platform as its YAML tree, in index order, after the same checks as {@link #load()}. */
    public List<ObjectNode> trees() {
        load();
        List<ObjectNode> trees = new ArrayList<>();
        for (String id : read(INDEX, Index.class).platforms()) {
            trees.add(read(file(id), ObjectNode.class));
        }
        return List.copyOf(trees);
    }

    private static String file(String id) {
        return "catalog/" + id + ".yaml";
    }

    private <T> T read(String resource, Class<T> type) {
        try (InputStream in = CatalogLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException(resource + ": not on the classpath");
            }
            return yaml.readValue(in, type);
        } catch (JsonMappingException e) {
            throw new ConfigException(resource + ": " + e.getOriginalMessage().replaceAll("\\s+at \\[.*", "") + " at "
                    + e.getPathReference());
        } catch (IOException e) {
            throw new ConfigException(
                    resource + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
