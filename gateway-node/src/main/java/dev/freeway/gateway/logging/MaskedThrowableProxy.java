package dev.freeway.gateway.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * A view of a logged exception whose messages pass through {@link KnownSecrets#mask}; causes and
 * suppressed exceptions are wrapped as they are visited. Frames are left as they are: they come
 * from code, not from data.
 */
final class MaskedThrowableProxy implements IThrowableProxy {
    private final IThrowableProxy delegate;

    private MaskedThrowableProxy(IThrowableProxy delegate) {
        this.delegate = delegate;
    }

    static IThrowableProxy wrap(IThrowableProxy throwable) {
        return throwable == null || throwable instanceof MaskedThrowableProxy
                ? throwable
                : new MaskedThrowableProxy(throwable);
    }

    @Override
    public String getMessage() {
        return KnownSecrets.mask(delegate.getMessage());
    }

    /** Set when the exception overrides {@code toString()}, which then replaces class and message. */
    @Override
    public String getOverridingMessage() {
        return KnownSecrets.mask(delegate.getOverridingMessage());
    }

    @Override
    public String getClassName() {
        return delegate.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
        return delegate.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
        return delegate.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
        return wrap(delegate.getCause());
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
        IThrowableProxy[] suppressed = delegate.getSuppressed();
        if (suppressed == null) {
            return null;
        }
        IThrowableProxy[] wrapped = new IThrowableProxy[suppressed.length];
        for (int i = 0; i < suppressed.length; i++) {
            wrapped[i] = wrap(suppressed[i]);
        }
        return wrapped;
    }

    @Override
    public boolean isCyclic() {
        return delegate.isCyclic();
    }
}
