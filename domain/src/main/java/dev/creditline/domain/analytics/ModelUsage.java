package dev.creditline.domain.analytics;

/**
 * Usage of one model.
 *
 * @param model        model name
 * @param totalCalls   number of calls
 * @param totalTokens  input + output tokens
 * @param totalCredits credits charged
 */
public record ModelUsage(String model, long totalCalls, long totalTokens, long totalCredits) {
}
