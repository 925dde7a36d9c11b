package dev.freeway.gateway.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %ex} with every exception message in the chain (causes and suppressed included) masked
 * and kept on one line, then the whole stack trace masked again for anything the messages did not
 * carry. Options such as {@code %ex{short}} keep working. {@code logback.xml} binds {@code ex},
 * {@code exception} and {@code throwable} to this class.
 *
 * <p>Layouts must name the converter: a pattern without one gets logback's own, unmasked
 * exception converter appended.
 */
public class MaskingThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        // Messages are escaped inside the proxy, before rendering: after it, a forged line could not
        // be told apart from the real frame lines.
        String rendered = super.throwableProxyToString(MaskedThrowableProxy.wrap(throwable));
        return KnownSecrets.maskKeepingLines(rendered);
    }
}
