package org.ncfspark.train;

/**
 * How one training epoch went.
 *
 * @param epoch 1 for the first epoch
 * @param loss mean binary cross-entropy of the epoch's minibatches, each measured just before
 *     the update it led to
 * @param seconds wall-clock time of the epoch, checkpoint excluded
 * @param samples training rows fitted
 * @param samplesPerSecond samples divided by seconds
 */
public record EpochStats(int epoch, double loss, double seconds, long samples,
    double samplesPerSecond) {}
