package org.ncfspark.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  private static final double EPS = 1e-12;
  private static final MetricSet HR_AT_1 = new MetricSet(List.of(1));

  @Test
  @DisplayName("Poisson(1) weights: mean 1 and P(0) = 1/e over 200,000 draws")
  void weightsArePoissonOne() {
    Bootstrap bootstrap = new Bootstrap(200, 7);
    long zeros = 0;
    long total = 0;
    int draws = 0;
    for (int user = 0; user < 1000; user++) {
      for (int b = 0; b < 200; b++) {
        int weight = bootstrap.weight(user, b);
        zeros += weight == 0 ? 1 : 0;
        total += weight;
        draws++;
      }
    }

    assertEquals(1.0, total / (double) draws, 0.01);
    assertEquals(Math.exp(-1), zeros / (double) draws, 0.005);
  }

  @Test
  @DisplayName("percentile bounds interpolate order statistics: 2.5% of 1..5 is 1.1")
  void quantileInterpolates() {
    Bootstrap.Interval interval =
        Bootstrap.percentileInterval(new double[] {5, 1, Double.NaN, 3, 2, 4}, 3);

    assertEquals(1.1, interval.low(), EPS);
    assertEquals(4.9, interval.high(), EPS);
  }

  @Test
  @DisplayName("every user a hit: HR@1 = 1 with the interval [1, 1]")
  void constantOutcomesGiveAPointInterval() {
    MetricValue hr = hr(totals(100, 100, 3));

    assertEquals(1.0, hr.value(), EPS);
    assertEquals(1.0, hr.low(), EPS);
    assertEquals(1.0, hr.high(), EPS);
  }

  @Test
  @DisplayName("the interval holds the point estimate and matches Wilson's for HR = 0.3 of 1000")
  void agreesWithWilson() {
    MetricValue hr = hr(totals(1000, 300, 3));
    double z = 1.959964;
    double n = 1000;
    double p = 0.3;
    double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);

    assertEquals(0.3, hr.value(), EPS);
    assertTrue(hr.low() < 0.3 && 0.3 < hr.high(), hr.toString());
    assertEquals(centre - half, hr.low(), 0.006);
    assertEquals(centre + half, hr.high(), 0.006);
  }

  @Test
  @DisplayName("16 times the users make the interval about 4 times narrower")
  void narrowsWithMoreUsers() {
    MetricValue few = hr(totals(100, 50, 3));
    MetricValue many = hr(totals(1600, 800, 3));

    double ratio = (few.high() - few.low()) / (many.high() - many.low());
    assertTrue(ratio > 3 && ratio < 5, "width ratio " + ratio);
  }

  @Test
  @DisplayName("a seed gives the same interval every time; another seed another one")
  void deterministicForASeed() {
    assertEquals(hr(totals(200, 70, 11)), hr(totals(200, 70, 11)));
    assertNotEquals(hr(totals(200, 70, 11)), hr(totals(200, 70, 12)));
  }

  @Test
  @DisplayName("totals merged from two partitions equal the totals of one pass")
  void mergingPartitionsChangesNothing() {
    MetricTotals first = new MetricTotals(HR_AT_1, new Bootstrap(300, 5));
    MetricTotals second = new MetricTotals(HR_AT_1, new Bootstrap(300, 5));
    for (int user = 0; user < 200; user++) {
      (user % 3 == 0 ? first : second).add(user, rankOf(user, 70), 99);
    }

    assertEquals(hr(totals(200, 70, 5)), hr(first.merge(second)));
  }

  /** {@code users} users of whom the first {@code hits} rank first, the others 50th. */
  private static MetricTotals totals(int users, int hits, long seed) {
    MetricTotals totals = new MetricTotals(HR_AT_1, new Bootstrap(300, seed));
    for (int user = 0; user < users; user++) {
      totals.add(user, rankOf(user, hits), 99);
    }
    return totals;
  }

  private static int rankOf(int user, int hits) {
    return user < hits ? 1 : 50;
  }

  private static MetricValue hr(MetricTotals totals) {
    return totals.results().metric("HR@1");
  }
}
