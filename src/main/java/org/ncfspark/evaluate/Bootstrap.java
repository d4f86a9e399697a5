package org.ncfspark.evaluate;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The Poisson bootstrap over users behind every reported interval. Replicate b gives user u the
 * weight Poisson(1) drawn from a hash of (seed, u, b), so a replicate is a resample of users
 * that needs no shuffle and no list of users: each executor weighs its own users and only the
 * per-replicate sums travel. Models evaluated with the same seed see the same resamples, which
 * makes their intervals comparable. The interval is the percentile interval of the replicate
 * means.
 */
public final class Bootstrap implements Serializable {

  public static final double CONFIDENCE = 0.95;
  public static final String METHOD = "Poisson bootstrap over users (weight Poisson(1) per user "
      + "and replicate from a seeded hash), 95% percentile interval of the replicate means";

  private static final long serialVersionUID = 1L;
  private static final double[] POISSON_ONE_CDF = poissonOneCdf();

  private final int samples;
  private final long seed;

  public Bootstrap(int samples, long seed) {
    if (samples < 1) {
      throw new IllegalArgumentException("bootstrap samples must be >= 1, got " + samples);
    }
    this.samples = samples;
    this.seed = seed;
  }

  public int samples() {
    return samples;
  }

  public long seed() {
    return seed;
  }

  /** How many times replicate {@code replicate} counts {@code user}: Poisson(1), 0 to 12. */
  public int weight(long user, int replicate) {
    double u = SeededHash.uniform(seed, user, replicate);
    int k = 0;
    while (k < POISSON_ONE_CDF.length - 1 && u >= POISSON_ONE_CDF[k]) {
      k++;
    }
    return k;
  }

  /**
   * The central {@link #CONFIDENCE} interval of replicate means; replicates that drew no user
   * (NaN) are left out. With none left the interval is the point itself.
   */
  public static Interval percentileInterval(double[] replicateMeans, double point) {
    double[] means = Arrays.stream(replicateMeans).filter(m -> !Double.isNaN(m)).sorted()
        .toArray();
    if (means.length == 0) {
      return new Interval(point, point);
    }
    double tail = (1 - CONFIDENCE) / 2;
    return new Interval(quantile(means, tail), quantile(means, 1 - tail));
  }

  /** Linear interpolation between the closest order statistics of sorted values. */
  static double quantile(double[] sorted, double p) {
    double position = p * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  /** Cumulative Poisson(1) probabilities up to 12; beyond that the tail is below 1e-10. */
  private static double[] poissonOneCdf() {
    double[] cdf = new double[13];
    double p = Math.exp(-1);
    double total = 0;
    for (int k = 0; k < cdf.length; k++) {
      total += p;
      cdf[k] = total;
      p /= k + 1;
    }
    return cdf;
  }

  /** A confidence interval's bounds. */
  public record Interval(double low, double high) implements Serializable {}
}
