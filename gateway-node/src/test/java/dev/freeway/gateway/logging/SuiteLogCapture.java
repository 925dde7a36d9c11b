package dev.freeway.gateway.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.LoggerFactory;

/**
 * Keeps everything the test JVM prints through the production log layout, from the first test to
 * the last, for {@link SuiteLeakScan}: the whole suite, failures included, is the leak scan's
 * input. Registered with the JUnit launcher by {@code META-INF/services}.
 */
public final class SuiteLogCapture implements LauncherSessionListener {
    private static final ByteArrayOutputStream PRINTED = new ByteArrayOutputStream();
    private static volatile boolean capturing;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender("STDOUT") instanceof OutputStreamAppender<ILoggingEvent> console)
                || !(console.getEncoder() instanceof PatternLayoutEncoder layout)) {
            return;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(layout.getPattern());
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> memory = new OutputStreamAppender<>();
        memory.setContext(context);
        memory.setName("SUITE-CAPTURE");
        memory.setEncoder(encoder);
        memory.setOutputStream(PRINTED);
        memory.start();
        root.addAppender(memory);
        capturing = true;
    }

    static boolean capturing() {
        return capturing;
    }

    static String printed() {
        synchronized (PRINTED) {
            return PRINTED.toString(StandardCharsets.UTF_8);
        }
    }
}
