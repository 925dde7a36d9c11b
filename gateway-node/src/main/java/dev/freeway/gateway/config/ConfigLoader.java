package dev.freeway.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.freeway.gateway.catalog.entry.CatalogLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Reads the gateway YAML: parse, interpolate environment variables, bind to records, validate. */
public final class ConfigLoader {
    /** The laptop default, shipped in the cluster-config jar. */
    public static final String DEFAULT_RESOURCE = "gateway/freeway.local.yaml";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final Map<String, String> env;
    private final Supplier<List<ObjectNode>> catalog;

    /** A loader that lays the config over the catalog shipped in the cluster-config jar. */
    public ConfigLoader(Map<String, String> env) {
        this(env, () -> new CatalogLoader().trees());
    }

    public ConfigLoader(Map<String, String> env, Supplier<List<ObjectNode>> catalog) {
        this.env = env;
        this.catalog = catalog;
    }

    public GatewayConfig load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }

    public GatewayConfig loadDefault() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new ConfigException(DEFAULT_RESOURCE + ": not on the classpath");
            }
            return load(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new ConfigException(DEFAULT_RESOURCE + ": cannot read");
        }
    }

    GatewayConfig load(InputStream in, String source) throws IOException {
        JsonNode tree;
        try {
            tree = yaml.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(source + ": expected a YAML mapping at the top level");
        }
        List<String> problems = new ArrayList<>(EnvInterpolation.of(env).apply(tree));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        CatalogOverlay.apply((ObjectNode) tree, catalog.get());
        GatewayConfig config = bind(tree);
        problems.addAll(new ConfigValidator().validate(config));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private GatewayConfig bind(JsonNode tree) {
        try {
            return yaml.treeToValue(tree, GatewayConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(path(e) + ": unknown key");
        } catch (JsonMappingException e) {
            throw new ConfigException(path(e) + ": " + e.getOriginalMessage().replaceAll("\\s+at \\[.*", ""));
        } catch (JsonProcessingException e) {
            throw new ConfigException("config: " + e.getOriginalMessage());
        }
    }

    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "config" : path.toString();
    }
}
