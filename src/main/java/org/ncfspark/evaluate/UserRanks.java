package org.ncfspark.evaluate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
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
 * Ranks each user's positive among the user's scored candidates and averages HR@K and NDCG@K,
 * all in Spark: no per-user data reaches the driver. Every comparison and metric goes through
 * {@link RankingMetrics}, so Spark and plain Java agree on ties and on the formulas.
 */
public final class UserRanks {

  public static final String HIT = "hit";
  public static final String NDCG = "ndcg";

  private static final String POSITIVE_SCORE = "positiveScore";
  private static final String AT_OR_ABOVE = "negativesAtOrAbove";

  private static final UserDefinedFunction OUTRANKS = udf(
      (UDF2<Double, Double, Boolean>) RankingMetrics::outranks, DataTypes.BooleanType);
  private static final UserDefinedFunction RANK = udf(
      (UDF1<Long, Integer>) RankingMetrics::rank, DataTypes.IntegerType);
  private static final UserDefinedFunction HIT_AT = udf(
      (UDF2<Integer, Integer, Integer>) RankingMetrics::hit, DataTypes.IntegerType);
  private static final UserDefinedFunction NDCG_AT = udf(
      (UDF2<Integer, Integer, Double>) RankingMetrics::ndcg, DataTypes.DoubleType);

  private UserRanks() {}

  /**
   * One row per user: user, rank, hit and ndcg at cut-off {@code k}. {@code scored} has user,
   * label and score columns and exactly one positive per user, as {@link CandidateCheck}
   * ensures.
   */
  public static Dataset<Row> compute(Dataset<Row> scored, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
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
        .agg(sum(when(isOutrankingNegative(), 1).otherwise(0)).as(AT_OR_ABOVE))
        .select(col(Columns.USER), RANK.apply(col(AT_OR_ABOVE)).as(Columns.RANK))
        .withColumn(HIT, HIT_AT.apply(col(Columns.RANK), lit(k)))
        .withColumn(NDCG, NDCG_AT.apply(col(Columns.RANK), lit(k)));
  }

  /** Averages the hit and ndcg columns of {@link #compute}'s output over its users. */
  public static RankSummary summarize(Dataset<Row> ranks) {
    Row row = ranks.agg(count(lit(1)), avg(HIT), avg(NDCG)).first();
    long users = row.getLong(0);
    if (users == 0) {
      throw new IllegalArgumentException("no users to average metrics over");
    }
    return new RankSummary(users, row.getDouble(1), row.getDouble(2));
  }

  private static Column isOutrankingNegative() {
    return col(Columns.LABEL).equalTo(0)
        .and(OUTRANKS.apply(col(Columns.SCORE), col(POSITIVE_SCORE)));
  }

  /** HR@K and NDCG@K averaged over users. */
  public record RankSummary(long users, double hr, double ndcg) {}
}
