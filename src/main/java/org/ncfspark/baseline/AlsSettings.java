package org.ncfspark.baseline;

/**
 * Spark MLlib ALS's settings for the implicit-feedback baseline.
 *
 * @param rank size of the user and item factors
 * @param regularization L2 weight (regParam)
 * @param alpha confidence given to an observed positive (implicit ALS's alpha)
 * @param iterations alternating least-squares sweeps
 * @param seed seed of the factors' initialisation
 */
public record AlsSettings(int rank, double regularization, double alpha, int iterations,
    long seed) {}
