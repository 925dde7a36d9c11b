package dev.freeway.gateway.cli;

import dev.freeway.gateway.config.ConfigException;
import dev.freeway.gateway.config.ConfigLoader;
import dev.freeway.gateway.config.GatewayConfig;
import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.LocalStoreConfig;
import dev.freeway.gateway.secrets.local.KeyChangeRefused;
import dev.freeway.gateway.secrets.local.KeyEntry;
import dev.freeway.gateway.secrets.local.LocalKeySource;
import dev.freeway.gateway.secrets.local.LocalStoreException;
import dev.freeway.gateway.secrets.local.MasterKey;
import dev.freeway.gateway.secrets.local.StoredKey;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code java -jar gateway-node.jar keys ...}: adds, lists and removes provider keys in the
 * encrypted local store that the config's {@code secrets.local} names. Output goes to stdout,
 * problems to stderr; exit 0 on success, 1 when the operation failed, 2 for a wrong command line.
 */
public final class KeysCommand {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: java -jar gateway-node.jar keys [--config FILE] <command>
              keys add <provider> [--account A] [--project P] [--force]
                  reads the key from standard input (or asks for it without echo); --force stores a
                  key for a provider id the config does not know
              keys list [provider]          shows each key's last 4 characters only
              keys remove <provider> <index|last4>
            The store and master key are secrets.local.file and secrets.local.master_key_file of the
            config (without --config, the laptop default); FREEWAY_MASTER_KEY overrides the key file.""";

    private final Map<String, String> env;
    private final KeyInput input;
    private final PrintStream out;
    private final PrintStream err;

    public KeysCommand(Map<String, String> env, InputStream in, Console console, PrintStream out, PrintStream err) {
        this.env = Map.copyOf(env);
        this.input = new KeyInput(in, console);
        this.out = out;
        this.err = err;
    }

    /** The command on this process's terminal, printing UTF-8 so that {@code …abcd} survives any locale. */
    public static KeysCommand forThisProcess() {
        return new KeysCommand(
                System.getenv(),
                System.in,
                System.console(),
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8),
                new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    }

    /** @return the exit code */
    public int run(String... args) {
        KeysArgs parsed;
        try {
            parsed = KeysArgs.parse(args);
        } catch (KeysArgs.UsageError e) {
            return usage(e.getMessage());
        }
        if (parsed.flag("--help")) {
            out.println(USAGE_TEXT);
            return OK;
        }
        if (parsed.command() == null) {
            return usage("no command given");
        }
        try {
            GatewayConfig config = load(parsed.option("--config"));
            return switch (parsed.command()) {
                case "add" -> add(parsed, config);
                case "list" -> list(parsed, config);
                case "remove" -> remove(parsed, config);
                default -> usage("unknown command " + parsed.command());
            };
        } catch (ConfigException e) {
            err.println("invalid configuration:");
            e.problems().forEach(problem -> err.println("  " + problem));
            return FAILED;
        } catch (KeysArgs.UsageError e) {
            return usage(e.getMessage());
        } catch (KeyChangeRefused | LocalStoreException | IllegalArgumentException e) {
            err.println("keys: " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("keys: cannot read standard input: " + e.getMessage());
            return FAILED;
        }
    }

    private int add(KeysArgs args, GatewayConfig config) throws IOException {
        if (args.positional().size() != 1) {
            // Never echo the extra arguments: one of them may be the key itself.
            throw new KeysArgs.UsageError(
                    "keys add takes exactly one provider id; the key is read from standard input, never from"
                            + " the command line");
        }
        String provider = args.positional().get(0);
        if (!config.providers().containsKey(provider) && !args.flag("--force")) {
            err.println("keys: unknown provider '" + provider + "'; known: "
                    + String.join(", ", new TreeSet<>(config.providers().keySet()))
                    + ". Use --force to store it anyway.");
            return USAGE;
        }
        LocalStoreConfig local = config.secrets().local();
        boolean hadMasterKey = hasMasterKey(local);
        LocalKeySource store = LocalKeySource.open(local, env);
        store.list(); // a wrong master key fails here, before the operator types the key
        String value = input.read(provider);
        KeyEntry added = store.add(provider, new KeyConfig(value, args.option("--account"), args.option("--project")));
        out.println("added " + provider + " key " + added.index() + " ("
                + added.key().masked() + ") to " + local.file());
        if (!hadMasterKey) {
            err.println("keys: created the master key " + local.masterKeyFile()
                    + " (mode 0600); back it up, because the store cannot be read without it");
        }
        warnIfNotServed(config);
        return OK;
    }

    private int list(KeysArgs args, GatewayConfig config) {
        if (args.positional().size() > 1) {
            throw new KeysArgs.UsageError("keys list takes at most one provider id");
        }
        LocalStoreConfig local = config.secrets().local();
        Map<String, List<StoredKey>> keys = LocalKeySource.open(local, env).list();
        if (!args.positional().isEmpty()) {
            String provider = args.positional().get(0);
            keys = keys.containsKey(provider) ? Map.of(provider, keys.get(provider)) : Map.of();
        }
        if (keys.isEmpty()) {
            err.println("keys: no keys stored in " + local.file());
        } else {
            KeyTable.print(keys, out);
        }
        warnIfNotServed(config);
        return OK;
    }

    private int remove(KeysArgs args, GatewayConfig config) {
        if (args.positional().size() != 2) {
            throw new KeysArgs.UsageError(
                    "keys remove takes a provider id and an index or the key's last 4 characters");
        }
        String provider = args.positional().get(0);
        LocalStoreConfig local = config.secrets().local();
        Optional<KeyEntry> removed = LocalKeySource.open(local, env)
                .remove(provider, args.positional().get(1));
        if (removed.isEmpty()) {
            err.println("keys: no " + provider + " key matches; `keys list " + provider + "` shows them");
            return FAILED;
        }
        out.println("removed " + provider + " key " + removed.get().index() + " ("
                + removed.get().key().masked() + ") from " + local.file());
        return OK;
    }

    private GatewayConfig load(String file) {
        ConfigLoader loader = new ConfigLoader(env);
        return file == null ? loader.loadDefault() : loader.load(Path.of(file));
    }

    private boolean hasMasterKey(LocalStoreConfig local) {
        String fromEnv = env.get(MasterKey.ENV);
        return (fromEnv != null && !fromEnv.isBlank()) || Files.exists(Path.of(local.masterKeyFile()));
    }

    /** A key in a store no node reads is a silent surprise; say so while the operator is looking. */
    private void warnIfNotServed(GatewayConfig config) {
        if (!"local".equals(config.secrets().source())) {
            err.println("keys: note: this config has secrets.source: "
                    + config.secrets().source()
                    + ", so the gateway does not read this store; set secrets.source: local to use it");
        }
    }

    private int usage(String problem) {
        err.println("keys: " + problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }
}
