package dev.freeway.gateway.provider;

import dev.freeway.gateway.config.TimeoutsConfig;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;

/**
 * One upstream POST and its response head, as every adapter sends it: no redirects (base URLs come
 * from operator config only), the connect and first-byte timeouts of the platform. The platform's
 * static headers go first, then the call's own (credentials), so nothing is merged per request.
 */
public record UpstreamExchange(HttpClientRequest request, HttpClientResponse response) {

    public static Future<UpstreamExchange> post(
            HttpClient client,
            String url,
            Map<String, String> platformHeaders,
            Map<String, String> callHeaders,
            Buffer payload,
            TimeoutsConfig timeouts,
            boolean stream) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .setConnectTimeout(timeouts.connectMs())
                .setIdleTimeout(timeouts.firstByteMs())
                .setFollowRedirects(false)
                .putHeader("content-type", "application/json")
                .putHeader("accept", stream ? "text/event-stream" : "application/json");
        platformHeaders.forEach(options::putHeader);
        callHeaders.forEach(options::putHeader);
        return client.request(options)
                .compose(request -> request.send(payload).map(response -> new UpstreamExchange(request, response)));
    }
}
