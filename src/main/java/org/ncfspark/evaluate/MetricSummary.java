package org.ncfspark.evaluate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ncfspark.data.Columns;

/**
 * Averages every metric of a {@link MetricSet} over the users of an outcome Dataset and bounds
 * each with its bootstrap interval, in one distributed pass: executors sum their users and only
 * the sums, a few thousand numbers, reach the driver.
 */
public final class MetricSummary {

  private static final int AGGREGATION_DEPTH = 2;

  private MetricSummary() {}

  /** {@code outcomes}: one row per user with user, rank and negatives columns. */
  public static ProtocolMetrics summarize(Dataset<Row> outcomes, MetricSet metrics,
      Bootstrap bootstrap) {
    MetricTotals totals = outcomes
        .select(Columns.USER, Columns.RANK, Columns.NEGATIVES)
        .toJavaRDD()
        .treeAggregate(new MetricTotals(metrics, bootstrap),
            (sum, row) -> sum.add(number(row, 0), (int) number(row, 1), number(row, 2)),
            MetricTotals::merge, AGGREGATION_DEPTH);
    return totals.results();
  }

  private static long number(Row row, int field) {
    return ((Number) row.get(field)).longValue();
  }
}
