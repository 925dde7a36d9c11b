package dev.freeway.gateway.cluster;

/** Requests and tokens counted for one scope and day. */
public record UsageTotals(long requests, long promptTokens, long completionTokens) {

    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(
                requests + other.requests,
                promptTokens + other.promptTokens,
                completionTokens + other.completionTokens);
    }

    public boolean isZero() {
        return requests == 0 && promptTokens == 0 && completionTokens == 0;
    }
}
