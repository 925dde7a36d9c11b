package dev.freeway.loadtest.simulator;

/**
 * The provider API a request came in through. Every simulator serves all of them at once, so one
 * simulator can stand in for any platform; {@link ProviderSimulator#baseUrl(ApiFormat)} gives each one's
 * base URL.
 */
public enum ApiFormat {
    /** {@code POST /v1/chat/completions}, Bearer key. */
    OPENAI,
    /** {@code POST /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent?alt=sse}. */
    GEMINI,
    /** {@code POST /v1/messages}, {@code x-api-key} and {@code anthropic-version} headers. */
    ANTHROPIC,
    /** {@code POST /v2/chat}, Bearer key. */
    COHERE,
    /** {@code POST /client/v4/accounts/{account}/ai/v1/chat/completions}: OpenAI's format under an account. */
    CLOUDFLARE
}
