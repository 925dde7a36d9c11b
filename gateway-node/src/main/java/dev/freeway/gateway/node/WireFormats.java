package dev.freeway.gateway.node;

import dev.freeway.gateway.provider.ProviderFactory;
import dev.freeway.gateway.provider.anthropic.AnthropicFormat;
import dev.freeway.gateway.provider.cohere.CohereFormat;
import dev.freeway.gateway.provider.gemini.GeminiFormat;
import dev.freeway.gateway.provider.openai.OpenAiCompatibleProvider;
import dev.freeway.gateway.provider.wire.TranslatingProvider;
import io.vertx.core.http.HttpClient;
import java.util.Map;
import java.util.Set;

/** Every wire format the gateway speaks, by the name configs use: an explicit list, no classpath scanning. */
public final class WireFormats {
    private WireFormats() {}

    static Set<String> names() {
        return factories(null).keySet();
    }

    static Map<String, ProviderFactory> factories(HttpClient upstreams) {
        return Map.of(
                "openai", (id, provider) -> new OpenAiCompatibleProvider(upstreams, id, provider),
                "gemini", (id, provider) -> new TranslatingProvider(upstreams, id, provider, new GeminiFormat()),
                "anthropic", (id, provider) -> new TranslatingProvider(upstreams, id, provider, new AnthropicFormat()),
                "cohere", (id, provider) -> new TranslatingProvider(upstreams, id, provider, new CohereFormat()));
    }
}
