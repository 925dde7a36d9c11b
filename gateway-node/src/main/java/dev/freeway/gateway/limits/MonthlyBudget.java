package dev.freeway.gateway.limits;

/**
 * A budget a platform publishes per calendar month (Mistral's tokens per model, Cohere's trial
 * requests per key): not a ledger window, since the platform enforces it itself, but watched so an
 * operator hears before it runs out.
 *
 * @param scope where it applies, named like a ledger scope
 * @param requests 0 = none
 * @param tokens 0 = none
 */
public record MonthlyBudget(String scope, long requests, long tokens) {}
