package dev.freeway.gateway.catalog.entry;

/**
 * What a platform's free tier's terms allow, so an operator policy can keep a shared or production
 * deployment off platforms that forbid it.
 *
 * @param freeTier {@code recurring} (resets daily/monthly), {@code trial_credit} (one-off),
 *     {@code none} (paid only)
 * @param sharedUse whether one key may serve many end users: {@code allowed}, {@code forbidden},
 *     {@code unclear}
 * @param production {@code allowed}, {@code evaluation_only}, {@code unclear}
 * @param trainsOnPrompts whether free-tier prompts may be used for training: {@code yes},
 *     {@code no}, {@code opt_out}, {@code unknown}
 */
public record TermsEntry(
        String freeTier, String sharedUse, String production, String trainsOnPrompts, String note, String source) {}
