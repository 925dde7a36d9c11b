package dev.freeway.gateway.node;

import dev.freeway.gateway.api.ChatCompletionsHandler;
import dev.freeway.gateway.api.ErrorMapper;
import dev.freeway.gateway.api.ModelsHandler;
import dev.freeway.gateway.api.RequestIds;
import dev.freeway.gateway.api.UsageHandler;
import dev.freeway.gateway.auth.Authenticator;
import dev.freeway.gateway.provider.UpstreamClients;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Function;

/** Every endpoint at a glance, in the order a request meets them. */
final class Routes {
    private final Authenticator authenticator;
    private final Function<HttpClient, ChatCompletionsHandler> chatOverClient;
    private final ModelsHandler models;
    private final UsageHandler usage;
    private final HealthChecks health;
    private final long bodyLimitBytes;

    Routes(
            Authenticator authenticator,
            Function<HttpClient, ChatCompletionsHandler> chatOverClient,
            ModelsHandler models,
            UsageHandler usage,
            HealthChecks health,
            long bodyLimitBytes) {
        this.authenticator = authenticator;
        this.chatOverClient = chatOverClient;
        this.models = models;
        this.usage = usage;
        this.health = health;
        this.bodyLimitBytes = bodyLimitBytes;
    }

    /** Called once per event loop, inside its verticle, so the upstream client belongs to that loop. */
    Router build(Vertx vertx) {
        ChatCompletionsHandler chat = chatOverClient.apply(UpstreamClients.create(vertx));
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::handle);
        router.route().handler(health::closeWhileDraining);
        router.get("/health/live").handler(health::live);
        router.get("/health/ready").handler(health::ready);
        router.post("/v1/chat/completions").handler(chat::countAnswer);
        router.route("/v1/*").handler(authenticator::handle);
        router.post("/v1/*").handler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes));
        router.post("/v1/chat/completions").handler(chat::handle);
        router.get("/v1/models").handler(models::handle);
        router.get("/v1/usage").handler(usage::handle);
        router.route().failureHandler(ErrorMapper::handle);
        router.errorHandler(404, ErrorMapper::handle);
        router.errorHandler(405, ErrorMapper::handle);
        return router;
    }
}
