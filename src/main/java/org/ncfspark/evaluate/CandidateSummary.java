package org.ncfspark.evaluate;

/**
 * What the check of the test candidates found: sizes to report and the largest indices, which
 * the model's embeddings must cover.
 */
public record CandidateSummary(
    long rows, long users, long candidatesPerUser, int maxUser, int maxItem) {}
