package org.ncfspark.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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
}
