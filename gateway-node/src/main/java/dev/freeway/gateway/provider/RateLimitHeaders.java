package dev.freeway.gateway.provider;

import static dev.freeway.gateway.provider.RateLimitValues.UNREADABLE;

import dev.freeway.gateway.provider.ProviderQuota.Dimension;
import dev.freeway.gateway.provider.ProviderQuota.Span;
import dev.freeway.gateway.provider.ProviderQuota.Window;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.Arrays;
import java.util.List;

/**
 * Reads what an upstream's response headers say about its own remaining capacity, success or error.
 * Runs on every upstream response, so a response without rate-limit headers costs one hash lookup
 * per known name (nine on an error, seven otherwise) and returns the shared {@link
 * ProviderQuota#NONE}.
 *
 * <p>Dialects read:
 *
 * <ul>
 *   <li>OpenAI, copied by Groq, SambaNova and most compatible servers: {@code
 *       x-ratelimit-{limit,remaining,reset}-{requests,tokens}}. The names do not say which window:
 *       OpenAI's are per minute, Groq's requests per day and tokens per minute; see {@link
 *       #inferSpan}.
 *   <li>Cerebras: the same names suffixed {@code -minute} or {@code -day}, which say the window.
 *   <li>OpenRouter (on its 429s): {@code X-RateLimit-{Limit,Remaining,Reset}}, requests, the reset an
 *       epoch stamp in milliseconds; span inferred like OpenAI's.
 *   <li>Anthropic: {@code anthropic-ratelimit-requests-{limit,remaining,reset}}, requests per
 *       minute, the reset an RFC 3339 timestamp. Its token headers are not read: input and output
 *       tokens are limited separately, which one token window cannot hold.
 *   <li>{@code retry-after-ms}, the non-standard millisecond form the OpenAI SDKs read first, else
 *       {@code Retry-After} in delta seconds (fractions too) or as an HTTP date.
 * </ul>
 *
 * Not read, because the ledger has no place for them or their meaning is unconfirmed: hour windows,
 * OpenAI's {@code *_usage_based} variants, Anthropic's token windows, Mistral's
 * {@code x-ratelimitbysize-*}, Together's {@code x-tokenlimit-*}.
 */
public final class RateLimitHeaders {
    /** A provider asking for more than a day gets a day: no window read here is longer. */
    private static final long MAX_RETRY_AFTER_MILLIS = 86_400_000L;

    private static final long MINUTE_MILLIS = 60_000L;

    private static final CharSequence RETRY_AFTER_MS = HttpHeaders.createOptimized("retry-after-ms");
    private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("retry-after");

    /** Looked up by their remaining-count name first: without it a window tells the ledger nothing. */
    private static final Source[] SOURCES = {
        source("-requests", Dimension.REQUESTS, null),
        source("-tokens", Dimension.TOKENS, null),
        source("-requests-minute", Dimension.REQUESTS, Span.MINUTE),
        source("-requests-day", Dimension.REQUESTS, Span.DAY),
        source("-tokens-minute", Dimension.TOKENS, Span.MINUTE),
        source("-tokens-day", Dimension.TOKENS, Span.DAY),
        source("", Dimension.REQUESTS, null),
        new Source(
                HttpHeaders.createOptimized("anthropic-ratelimit-requests-remaining"),
                HttpHeaders.createOptimized("anthropic-ratelimit-requests-limit"),
                HttpHeaders.createOptimized("anthropic-ratelimit-requests-reset"),
                Dimension.REQUESTS,
                Span.MINUTE)
    };

    private RateLimitHeaders() {}

    /**
     * What the response says about the provider's capacity; {@link ProviderQuota#NONE} when nothing
     * usable. Retry-After is read on error statuses only: on a success it asks nothing of us.
     *
     * @param nowEpochMillis when the response arrived, by the caller's clock; relative resets and
     *     Retry-After count from it
     */
    public static ProviderQuota parse(MultiMap headers, int status, long nowEpochMillis) {
        Window[] found = null;
        int count = 0;
        for (Source source : SOURCES) {
            String remaining = headers.get(source.remaining());
            Window window = remaining == null ? null : source.window(headers, remaining, nowEpochMillis);
            if (window != null) {
                if (found == null) {
                    found = new Window[SOURCES.length];
                }
                found[count++] = window;
            }
        }
        long retryAfterMillis = status >= 400 ? retryAfterMillis(headers, nowEpochMillis) : 0;
        if (count == 0 && retryAfterMillis == 0) {
            return ProviderQuota.NONE;
        }
        return new ProviderQuota(count == 0 ? List.of() : List.of(Arrays.copyOf(found, count)), retryAfterMillis);
    }

    /**
     * Which window a name without a span describes, judged by its reset: more than a minute away is a
     * day, anything else (an unknown reset too) a minute, the dialect's original meaning. The reset is
     * the time until the window is whole again, which makes the rule fallible:
     *
     * <ul>
     *   <li>a day window that has barely been used refills within a minute and reads as a minute
     *       (Groq's requests per day, once fewer than a minute's refill of them is spent, e.g. under
     *       ten of 14,400);
     *   <li>a minute window overdrawn past its limit (token counts settle after the answer) can need
     *       more than a minute and reads as a day;
     *   <li>OpenRouter's daily window reads as a minute in the last minute before UTC midnight.
     * </ul>
     *
     * Every such window still carries its reset, which bounds the damage of the wrong span.
     */
    static Span inferSpan(long resetAtEpochMillis, long nowEpochMillis) {
        return resetAtEpochMillis - nowEpochMillis > MINUTE_MILLIS ? Span.DAY : Span.MINUTE;
    }

    /** {@code retry-after-ms} wins when readable: it is the more precise of the two. */
    private static long retryAfterMillis(MultiMap headers, long nowEpochMillis) {
        String millis = headers.get(RETRY_AFTER_MS);
        double delta = millis == null ? Double.NaN : RateLimitValues.number(millis);
        if (Double.isNaN(delta)) {
            String value = headers.get(RETRY_AFTER);
            if (value == null) {
                return 0;
            }
            delta = RateLimitValues.number(value) * 1_000;
            if (Double.isNaN(delta)) {
                long at = RateLimitValues.httpDate(value);
                delta = at < 0 ? 0 : at - nowEpochMillis;
            }
        }
        return Math.round(Math.max(0, Math.min(MAX_RETRY_AFTER_MILLIS, delta)));
    }

    private static Source source(String suffix, Dimension dimension, Span span) {
        return new Source(
                HttpHeaders.createOptimized("x-ratelimit-remaining" + suffix),
                HttpHeaders.createOptimized("x-ratelimit-limit" + suffix),
                HttpHeaders.createOptimized("x-ratelimit-reset" + suffix),
                dimension,
                span);
    }

    /** One window's three header names; {@code span} null when the names do not say it. */
    private record Source(
            CharSequence remaining, CharSequence limit, CharSequence reset, Dimension dimension, Span span) {

        /** Null when the remaining count is unreadable or the window does not apply. */
        Window window(MultiMap headers, String remainingValue, long nowEpochMillis) {
            long remaining = RateLimitValues.count(remainingValue);
            if (remaining == UNREADABLE) {
                return null;
            }
            String limitValue = headers.get(limit);
            long limit = limitValue == null ? UNREADABLE : RateLimitValues.count(limitValue);
            if (limit < 0 && limit != UNREADABLE) {
                // Azure OpenAI answers -1/-1 for a limit that does not apply; it is not an empty window.
                return null;
            }
            String resetValue = headers.get(reset);
            long resetAt = resetValue == null ? -1 : RateLimitValues.resetAt(resetValue, nowEpochMillis);
            return new Window(
                    dimension,
                    span != null ? span : inferSpan(resetAt, nowEpochMillis),
                    limit == UNREADABLE ? -1 : limit,
                    Math.max(0, remaining),
                    resetAt);
        }
    }
}
