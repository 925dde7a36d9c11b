package dev.freeway.gateway.secrets.vault;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP client handed to the Vault driver, which stamps every request with a millisecond
 * deadline.
 *
 * <p>Why: the driver's open and read timeouts are whole seconds ({@code Rest.readTimeoutSeconds}),
 * and when a client is supplied through {@code VaultConfig.httpClient} the driver ignores its own
 * open timeout. So the connect timeout lives in the wrapped client and the response deadline is set
 * here, per request, to exactly {@code timeout_ms}. A Vault that accepts the connection and never
 * answers then fails the call after that long instead of hanging the refresher.
 */
final class DeadlineHttpClient extends HttpClient {
    private final HttpClient delegate;
    private final Duration deadline;

    DeadlineHttpClient(Duration deadline) {
        this.deadline = deadline;
        this.delegate = HttpClient.newBuilder()
                .version(Version.HTTP_1_1)
                .connectTimeout(deadline)
                .followRedirects(Redirect.NEVER)
                .build();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return delegate.send(withDeadline(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(withDeadline(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
            HttpRequest request,
            HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return delegate.sendAsync(withDeadline(request), handler, pushPromiseHandler);
    }

    private HttpRequest withDeadline(HttpRequest request) {
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(deadline)
                .build();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
