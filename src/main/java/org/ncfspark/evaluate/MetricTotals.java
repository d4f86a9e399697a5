package org.ncfspark.evaluate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums over users from which every reported figure follows: the metric sums, the bootstrap
 * replicates' weighted sums and how many users had each rank up to {@value #CURVE_RANKS}. A
 * partition's users are added one by one and partitions merge, so only these sums, never a
 * user, reach the driver.
 */
final class MetricTotals implements Serializable {

  /** HR@K is charted for K = 1 to this. */
  static final int CURVE_RANKS = 20;

  private static final long serialVersionUID = 1L;

  private final MetricSet metrics;
  private final Bootstrap bootstrap;
  private long users;
  private final double[] sums;
  private final double[] replicateWeights;
  private final double[] replicateSums;
  private final long[] usersAtRank;

  MetricTotals(MetricSet metrics, Bootstrap bootstrap) {
    this.metrics = metrics;
    this.bootstrap = bootstrap;
    this.sums = new double[metrics.size()];
    this.replicateWeights = new double[bootstrap.samples()];
    this.replicateSums = new double[metrics.size() * bootstrap.samples()];
    this.usersAtRank = new long[CURVE_RANKS];
  }

  /** Adds one user's outcome; returns this, as Spark's aggregate expects. */
  MetricTotals add(long user, int rank, long negatives) {
    double[] values = metrics.values(rank, negatives);
    users++;
    for (int m = 0; m < values.length; m++) {
      sums[m] += values[m];
    }
    if (rank <= CURVE_RANKS) {
      usersAtRank[rank - 1]++;
    }
    int samples = bootstrap.samples();
    for (int b = 0; b < samples; b++) {
      int weight = bootstrap.weight(user, b);
      if (weight > 0) {
        replicateWeights[b] += weight;
        for (int m = 0; m < values.length; m++) {
          replicateSums[m * samples + b] += weight * values[m];
        }
      }
    }
    return this;
  }

  MetricTotals merge(MetricTotals other) {
    users += other.users;
    addInto(sums, other.sums);
    addInto(replicateWeights, other.replicateWeights);
    addInto(replicateSums, other.replicateSums);
    for (int r = 0; r < CURVE_RANKS; r++) {
      usersAtRank[r] += other.usersAtRank[r];
    }
    return this;
  }

  long users() {
    return users;
  }

  /** Means over users with their bootstrap intervals, and HR@1 to HR@{@value #CURVE_RANKS}. */
  ProtocolMetrics results() {
    if (users == 0) {
      throw new IllegalStateException("no users to average metrics over");
    }
    List<String> names = metrics.names();
    int samples = bootstrap.samples();
    Map<String, MetricValue> values = new LinkedHashMap<>();
    for (int m = 0; m < names.size(); m++) {
      double mean = sums[m] / users;
      double[] replicateMeans = new double[samples];
      for (int b = 0; b < samples; b++) {
        replicateMeans[b] = replicateWeights[b] == 0
            ? Double.NaN
            : replicateSums[m * samples + b] / replicateWeights[b];
      }
      Bootstrap.Interval interval = Bootstrap.percentileInterval(replicateMeans, mean);
      values.put(names.get(m), new MetricValue(mean, interval.low(), interval.high()));
    }
    return new ProtocolMetrics(users, values, hitRateCurve());
  }

  private List<Double> hitRateCurve() {
    List<Double> curve = new ArrayList<>();
    long hits = 0;
    for (int r = 0; r < CURVE_RANKS; r++) {
      hits += usersAtRank[r];
      curve.add(hits / (double) users);
    }
    return curve;
  }

  private static void addInto(double[] target, double[] values) {
    for (int i = 0; i < target.length; i++) {
      target[i] += values[i];
    }
  }
}
