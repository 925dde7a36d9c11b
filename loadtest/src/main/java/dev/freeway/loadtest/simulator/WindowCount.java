package dev.freeway.loadtest.simulator;

/**
 * One key's traffic in one minute window of the simulator's clock, counted the way its rate limits count.
 *
 * @param minute the window's index: the clock's epoch millis divided by 60,000
 * @param requests requests admitted in the window, whether or not the client stayed for the answer
 * @param tokens prompt plus completion tokens of those requests, exactly as their {@code usage} reports
 * @param rateLimited 429s answered in the window, injected ones included
 */
public record WindowCount(String key, long minute, long requests, long tokens, long rateLimited) {}
