package dev.freeway.gateway;

import dev.freeway.gateway.cli.KeysCommand;
import dev.freeway.gateway.config.ConfigException;
import dev.freeway.gateway.config.ConfigLoader;
import dev.freeway.gateway.config.GatewayConfig;
import dev.freeway.gateway.node.GatewayNode;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar gateway-node.jar [--config FILE] [--check-config]}, or {@code ... keys ...} (see {@link KeysCommand}). */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /** At most 5 s of lame duck, 25 s of HTTP drain, then the usage flush and the cluster leave. */
    private static final long DRAIN_SECONDS = 35;

    private Main() {}

    public static void main(String[] args) {
        Path configFile = null;
        boolean checkOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        usage();
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--check-config" -> checkOnly = true;
                case "keys" -> System.exit(keys(configFile, Arrays.copyOfRange(args, i + 1, args.length)));
                default -> usage();
            }
        }
        GatewayConfig config;
        try {
            ConfigLoader loader = new ConfigLoader(System.getenv());
            config = configFile == null ? loader.loadDefault() : loader.load(configFile);
        } catch (ConfigException e) {
            System.err.println("invalid configuration:");
            e.problems().forEach(problem -> System.err.println("  " + problem));
            System.exit(1);
            return;
        }
        if (checkOnly) {
            System.out.println("configuration OK");
            return;
        }
        run(config);
    }

    private static void run(GatewayConfig config) {
        Vertx vertx = Vertx.vertx();
        GatewayNode node;
        try {
            node = GatewayNode.start(vertx, config, Clock.systemUTC())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error(
                    "start-up failed: {}",
                    e.getCause() == null ? e.toString() : e.getCause().toString());
            vertx.close();
            System.exit(1);
            return;
        }
        LOG.info("Freeway listening on {}:{}", config.server().host(), node.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(vertx, node), "freeway-shutdown"));
    }

    private static void shutdown(Vertx vertx, GatewayNode node) {
        LOG.info("draining");
        try {
            node.stop().toCompletionStage().toCompletableFuture().get(DRAIN_SECONDS, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(DRAIN_SECONDS, TimeUnit.SECONDS);
            LOG.info("stopped");
        } catch (Exception e) {
            LOG.warn("shutdown did not finish within {} s", DRAIN_SECONDS);
        }
    }

    /** {@code keys ...} with a {@code --config} given before it passed on. */
    private static int keys(Path configFile, String[] rest) {
        String[] args = rest;
        if (configFile != null) {
            args = new String[rest.length + 2];
            args[0] = "--config";
            args[1] = configFile.toString();
            System.arraycopy(rest, 0, args, 2, rest.length);
        }
        return KeysCommand.forThisProcess().run(args);
    }

    private static void usage() {
        System.err.println("usage: java -jar gateway-node.jar [--config FILE] [--check-config]");
        System.err.println("       java -jar gateway-node.jar [--config FILE] keys add|list|remove ... (keys --help)");
        System.exit(2);
    }
}
