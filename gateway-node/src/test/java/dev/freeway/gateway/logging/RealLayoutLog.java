package dev.freeway.gateway.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A private logback context configured from the production {@code logback.xml}, whose console
 * appender is swapped for one that writes the same pattern into memory: what a test reads is
 * exactly what the gateway would print.
 */
final class RealLayoutLog implements AutoCloseable {
    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    RealLayoutLog() throws JoranException {
        // A context outside the SLF4J binding has no MDC adapter until given one.
        context.setMDCAdapter(new LogbackMDCAdapter());
        URL config = Objects.requireNonNull(getClass().getResource("/logback.xml"), "logback.xml on the classpath");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(config);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT");
        root.detachAppender(console);
        console.stop();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(((PatternLayoutEncoder) console.getEncoder()).getPattern());
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> memory = new OutputStreamAppender<>();
        memory.setContext(context);
        memory.setName("MEMORY");
        memory.setEncoder(encoder);
        memory.setOutputStream(out);
        memory.start();
        root.addAppender(memory);
    }

    org.slf4j.Logger logger(String name) {
        return context.getLogger(name);
    }

    /** Everything printed so far. */
    String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    List<String> lines() {
        return output().lines().toList();
    }

    /** Warnings and errors logback reported about itself, including exceptions thrown by converters. */
    List<Status> problems() {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getLevel() >= Status.WARN)
                .toList();
    }

    @Override
    public void close() {
        context.stop();
    }
}
