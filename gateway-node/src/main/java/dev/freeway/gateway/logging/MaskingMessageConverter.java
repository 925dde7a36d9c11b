package dev.freeway.gateway.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} with arguments filled in, then passed through {@link KnownSecrets#mask}: registered
 * secrets and credential shapes are masked and the result is a single line. {@code logback.xml}
 * binds the built-in words {@code m}, {@code msg} and {@code message} to this class, so any
 * pattern layout that prints the message masks it.
 */
public class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return KnownSecrets.mask(super.convert(event));
    }
}
