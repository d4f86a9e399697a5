package org.ncfspark.evaluate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The metrics reported for every model and protocol, each a function of one user's outcome (the
 * positive's rank and how many negatives it was ranked against) through {@link RankingMetrics}:
 * HR@K and NDCG@K for each cut-off, then MRR and AUC. Averaged over users they are the reported
 * figures; the order of {@link #names()} is the order of {@link #values}.
 */
public final class MetricSet implements Serializable {

  public static final String MRR = "MRR";
  public static final String AUC = "AUC";

  private static final long serialVersionUID = 1L;

  private final int[] cutoffs;

  /** {@code cutoffs}: the K of HR@K and NDCG@K, each at least 1, reported in ascending order. */
  public MetricSet(List<Integer> cutoffs) {
    if (cutoffs.isEmpty()) {
      throw new IllegalArgumentException("at least one cut-off K is needed");
    }
    this.cutoffs = cutoffs.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    if (this.cutoffs[0] < 1) {
      throw new IllegalArgumentException("cut-offs must be >= 1, got " + cutoffs);
    }
  }

  public static String hr(int k) {
    return "HR@" + k;
  }

  public static String ndcg(int k) {
    return "NDCG@" + k;
  }

  public List<Integer> cutoffs() {
    return Arrays.stream(cutoffs).boxed().toList();
  }

  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (int k : cutoffs) {
      names.add(hr(k));
      names.add(ndcg(k));
    }
    names.add(MRR);
    names.add(AUC);
    return names;
  }

  public int size() {
    return 2 * cutoffs.length + 2;
  }

  /** One user's value of every metric, in the order of {@link #names()}. */
  public double[] values(int rank, long negatives) {
    double[] values = new double[size()];
    int i = 0;
    for (int k : cutoffs) {
      values[i++] = RankingMetrics.hit(rank, k);
      values[i++] = RankingMetrics.ndcg(rank, k);
    }
    values[i++] = RankingMetrics.reciprocalRank(rank);
    values[i] = RankingMetrics.aucOfRank(rank, negatives);
    return values;
  }
}
