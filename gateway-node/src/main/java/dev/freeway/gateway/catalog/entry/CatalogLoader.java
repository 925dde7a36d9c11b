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
            platforms.add(bind(id, read(file(id), ObjectNode.class)));
        }
        return List.copyOf(platforms);
    }

    /** Every platform as its YAML tree, in index order, each read once and checked like {@link #load()}. */
    public List<ObjectNode> trees() {
        List<ObjectNode> trees = new ArrayList<>();
        for (String id : read(INDEX, Index.class).platforms()) {
            ObjectNode tree = read(file(id), ObjectNode.class);
            bind(id, tree);
            trees.add(tree);
        }
        return List.copyOf(trees);
    }

    private PlatformEntry bind(String id, ObjectNode tree) {
        PlatformEntry platform;
        try {
            platform = yaml.treeToValue(tree, PlatformEntry.class);
        } catch (JsonMappingException e) {
            throw mapping(file(id), e);
        } catch (IOException e) {
            throw new ConfigException(
                    file(id) + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        if (!id.equals(platform.id())) {
            throw new ConfigException(file(id) + ": id is '" + platform.id() + "', expected '" + id + "'");
        }
        return platform;
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
            throw mapping(resource, e);
        } catch (IOException e) {
            throw new ConfigException(
                    resource + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The binding problem with its path, without Jackson's source-location suffix. */
    private static ConfigException mapping(String resource, JsonMappingException e) {
        return new ConfigException(resource + ": " + e.getOriginalMessage().replaceAll("\\s+at \\[.*", "") + " at "
                + e.getPathReference());
    }
}
