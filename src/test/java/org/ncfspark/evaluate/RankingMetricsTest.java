package org.ncfspark.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

  private static final double EPS = 1e-12;

  @Test
  @DisplayName("rank is 1 + the negatives scoring at least the positive")
  void rankCountsNegativesAtOrAbove() {
    assertEquals(1, RankingMetrics.rank(0.9, 0.1, 0.2, 0.3));
    assertEquals(3, RankingMetrics.rank(0.5, 0.7, 0.1, 0.6, 0.2));
    assertEquals(4, RankingMetrics.rank(0.1, 0.7, 0.2, 0.6));
    assertEquals(1, RankingMetrics.rank(0.4));
  }

  @Test
  @DisplayName("a negative tying the positive counts against it")
  void tiesCountAgainstThePositive() {
    assertEquals(2, RankingMetrics.rank(0.5, 0.5, 0.4, 0.1));
    assertEquals(3, RankingMetrics.rank(0.5, 0.5, 0.9, 0.1));
  }

  @Test
  @DisplayName("a constant-score model ranks the positive last among 100: rank 100, HR 0")
  void constantScoresRankThePositiveLast() {
    double[] negatives = new double[99];
    Arrays.fill(negatives, 0.5);

    int rank = RankingMetrics.rank(0.5, negatives);

    assertEquals(100, rank);
    assertEquals(0, RankingMetrics.hit(rank, 10));
    assertEquals(0.0, RankingMetrics.ndcg(rank, 10), EPS);
  }

  @Test
  @DisplayName("NaN scores rank highest, so a model outputting NaN gets no hits")
  void nanRanksHighest() {
    assertTrue(RankingMetrics.outranks(Double.NaN, 0.9));
    assertTrue(RankingMetrics.outranks(Double.NaN, Double.NaN));
    assertFalse(RankingMetrics.outranks(0.9, Double.NaN));
    assertEquals(3, RankingMetrics.rank(Double.NaN, Double.NaN, Double.NaN));
  }

  @Test
  @DisplayName("HR@K is 1 exactly when rank <= K")
  void hitAtTheCutoff() {
    assertEquals(1, RankingMetrics.hit(1, 10));
    assertEquals(1, RankingMetrics.hit(10, 10));
    assertEquals(0, RankingMetrics.hit(11, 10));
    assertEquals(0, RankingMetrics.hit(2, 1));
  }

  @Test
  @DisplayName("NDCG@K is 1/log2(rank+1) within the top K, 0 beyond")
  void ndcgByHand() {
    assertEquals(1.0, RankingMetrics.ndcg(1, 10), EPS);
    assertEquals(0.6309297535714575, RankingMetrics.ndcg(2, 10), EPS);
    assertEquals(0.5, RankingMetrics.ndcg(3, 10), EPS);
    assertEquals(0.2890648263178879, RankingMetrics.ndcg(10, 10), EPS);
    assertEquals(0.0, RankingMetrics.ndcg(11, 10), EPS);
  }

  @Test
  @DisplayName("ranks below 1, negative counts and cut-offs below 1 are rejected")
  void rejectsImpossibleArguments() {
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.hit(0, 10));
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.ndcg(1, 0));
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.rank(-1L));
  }

  @Test
  @DisplayName("reciprocal rank is 1/rank: 1, 1/2, 1/10")
  void reciprocalRankByHand() {
    assertEquals(1.0, RankingMetrics.reciprocalRank(1), EPS);
    assertEquals(0.5, RankingMetrics.reciprocalRank(2), EPS);
    assertEquals(0.1, RankingMetrics.reciprocalRank(10), EPS);
  }

  @Test
  @DisplayName("MRR over ranks 1, 2, 4, 5 is (1 + 1/2 + 1/4 + 1/5) / 4 = 0.4875")
  void meanReciprocalRankByHand() {
    MetricSet metrics = new MetricSet(List.of(1));
    double sum = 0;
    for (int rank : new int[] {1, 2, 4, 5}) {
      sum += metrics.values(rank, 9)[2];
    }

    assertEquals(0.4875, sum / 4, EPS);
  }

  @Test
  @DisplayName("AUC is the share of negatives strictly below the positive; ties count against")
  void aucWithTies() {
    // Positive 0.5 against 0.9, 0.5 (tie), 0.4, 0.1: two of four strictly below.
    int rank = RankingMetrics.rank(0.5, 0.9, 0.5, 0.4, 0.1);

    assertEquals(3, rank);
    assertEquals(0.5, RankingMetrics.aucOfRank(rank, 4), EPS);
    assertEquals(0.5, RankingMetrics.auc(2, 4), EPS);
    assertEquals(1.0, RankingMetrics.auc(0, 7), EPS);
    assertEquals(0.0, RankingMetrics.aucOfRank(100, 99), EPS);
  }

  @Test
  @DisplayName("AUC rejects a user without negatives and counts beyond the negatives")
  void aucRejectsImpossibleCounts() {
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.auc(0, 0));
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.auc(5, 4));
  }

  @Test
  @DisplayName("the metric set lists HR and NDCG per ascending K, then MRR and AUC, in value order")
  void metricSetOrder() {
    MetricSet metrics = new MetricSet(List.of(10, 1));

    assertEquals(List.of("HR@1", "NDCG@1", "HR@10", "NDCG@10", "MRR", "AUC"), metrics.names());
    double[] values = metrics.values(3, 99);
    assertEquals(0.0, values[0], EPS);
    assertEquals(0.0, values[1], EPS);
    assertEquals(1.0, values[2], EPS);
    assertEquals(0.5, values[3], EPS);
    assertEquals(1.0 / 3, values[4], EPS);
    assertEquals(97.0 / 99, values[5], EPS);
  }
}
