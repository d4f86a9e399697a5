package org.ncfspark.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.ncfspark.data.Columns;

/**
 * Ranks each user's positive among the user's scored candidates, in Spark: no per-user data
 * reaches the driver. The comparison and the rank go through {@link RankingMetrics}, so Spark
 * and plain Java agree on ties; {@link MetricSummary} turns the ranks into metrics.
 */
public final class UserRanks {

  private static final String POSITIVE_SCORE = "positiveScore";
  private static final String AT_OR_ABOVE = "negativesAtOrAbove";

  private static final UserDefinedFunction OUTRANKS = udf(
      (UDF2<Double, Double, Boolean>) RankingMetrics::outranks, DataTypes.BooleanType);
  private static final UserDefinedFunction RANK = udf(
      (UDF1<Long, Integer>) RankingMetrics::rank, DataTypes.IntegerType);

  private UserRanks() {}

  /**
   * One row per user: user, rank and negatives (how many negatives the positive was ranked
   * against). {@code scored} has user, label and score columns and exactly one positive per
   * user, as {@link CandidateCheck} ensures.
   */
  public static Dataset<Row> compute(Dataset<Row> scored) {
    // A window over the user spreads the positive's score to the user's negatives in the same
    // shuffle that the count below needs, so scoring runs once without caching its output.
    Dataset<Row> withPositive = scored
        .select(
            col(Columns.USER),
            col(Columns.LABEL),
            col(Columns.SCORE).cast(DataTypes.DoubleType).as(Columns.SCORE))
        .withColumn(POSITIVE_SCORE, max(when(col(Columns.LABEL).equalTo(1), col(Columns.SCORE)))
            .over(Window.partitionBy(Columns.USER)));

    return withPositive
        .groupBy(Columns.USER)
        .agg(
            sum(when(isOutrankingNegative(), 1).otherwise(0)).as(AT_OR_ABOVE),
            sum(when(col(Columns.LABEL).equalTo(0), 1L).otherwise(0L)).as(Columns.NEGATIVES))
        .select(col(Columns.USER), RANK.apply(col(AT_OR_ABOVE)).as(Columns.RANK),
            col(Columns.NEGATIVES));
  }

  private static Column isOutrankingNegative() {
    return col(Columns.LABEL).equalTo(0)
        .and(OUTRANKS.apply(col(Columns.SCORE), col(POSITIVE_SCORE)));
  }
}
