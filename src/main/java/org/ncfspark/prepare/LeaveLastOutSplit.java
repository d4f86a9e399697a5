package org.ncfspark.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.ncfspark.data.Columns.ITEM;
import static org.ncfspark.data.Columns.TIMESTAMP;
import static org.ncfspark.data.Columns.USER;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Holds out each user's latest positive for testing. When several positives share the latest
 * timestamp, the one with the highest item index (the highest movieId) is held out, so the split
 * never depends on row order.
 */
public final class LeaveLastOutSplit {

  /** The column marking the held-out positive. */
  public static final String IS_TEST = "isTest";

  private LeaveLastOutSplit() {}

  /** Adds {@value #IS_TEST} to rows of (user, item, timestamp). */
  public static Dataset<Row> mark(Dataset<Row> positives) {
    var latestFirst = Window.partitionBy(USER)
        .orderBy(col(TIMESTAMP).desc(), col(ITEM).desc());
    return positives.withColumn(IS_TEST, row_number().over(latestFirst).equalTo(1));
  }
}
