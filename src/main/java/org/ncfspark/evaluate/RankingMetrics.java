package org.ncfspark.evaluate;

/**
 * The one definition of the ranking metrics every stage reports, so that a model's HR@K means
 * the same in evaluation, in tests and in any later comparison.
 *
 * <p>The rank of a user's positive is 1 plus the number of the user's negatives that score at
 * least as high as it. Ties count against the positive: a model that gives every candidate the
 * same score ranks the positive last and gets HR@K = 0, never credit for a lucky sort order.
 */
public final class RankingMetrics {

  private RankingMetrics() {}

  /**
   * Whether a negative's score pushes the positive down one place. NaN counts as the highest
   * score, as in Spark SQL's ordering, so a model that outputs NaN everywhere ranks last rather
   * than first.
   */
  public static boolean outranks(double negativeScore, double positiveScore) {
    if (Double.isNaN(negativeScore)) {
      return true;
    }
    return !Double.isNaN(positiveScore) && negativeScore >= positiveScore;
  }

  /** The rank of the positive given how many negatives score at least as high as it. */
  public static int rank(long negativesAtOrAbove) {
    if (negativesAtOrAbove < 0) {
      throw new IllegalArgumentException(
          "negatives at or above the positive must be >= 0, got " + negativesAtOrAbove);
    }
    return Math.toIntExact(negativesAtOrAbove + 1);
  }

  /** The rank of the positive among itself and the negatives, ties counting against it. */
  public static int rank(double positiveScore, double... negativeScores) {
    long above = 0;
    for (double negative : negativeScores) {
      if (outranks(negative, positiveScore)) {
        above++;
      }
    }
    return rank(above);
  }

  /** 1 when the positive is among the top {@code k} candidates, else 0. */
  public static int hit(int rank, int k) {
    checkRankAndCutoff(rank, k);
    return rank <= k ? 1 : 0;
  }

  /** Discounted gain of the single relevant item: 1 / log2(rank + 1) within the top k, else 0. */
  public static double ndcg(int rank, int k) {
    checkRankAndCutoff(rank, k);
    return rank <= k ? Math.log(2) / Math.log(rank + 1.0) : 0.0;
  }

  /** Reciprocal rank of the positive: 1 at the top, 1/2 second, and so on; averaged it is MRR. */
  public static double reciprocalRank(int rank) {
    checkRankAndCutoff(rank, 1);
    return 1.0 / rank;
  }

  /**
   * The user's AUC: the share of the user's negatives that score strictly below the positive.
   * It follows the rank's tie rule, since those negatives are the ones not at or above it.
   *
   * @param negativesAtOrAbove negatives scoring at least as high as the positive
   * @param negatives all negatives the positive was ranked against, at least one
   */
  public static double auc(long negativesAtOrAbove, long negatives) {
    if (negatives < 1) {
      throw new IllegalArgumentException("AUC needs at least one negative, got " + negatives);
    }
    if (negativesAtOrAbove < 0 || negativesAtOrAbove > negatives) {
      throw new IllegalArgumentException("negatives at or above the positive must be in [0, "
          + negatives + "], got " + negativesAtOrAbove);
    }
    return (negatives - negativesAtOrAbove) / (double) negatives;
  }

  /** The user's AUC from the positive's rank among itself and {@code negatives} negatives. */
  public static double aucOfRank(int rank, long negatives) {
    checkRankAndCutoff(rank, 1);
    return auc(rank - 1L, negatives);
  }

  private static void checkRankAndCutoff(int rank, int k) {
    if (rank < 1) {
      throw new IllegalArgumentException("rank must be >= 1, got " + rank);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
  }
}
