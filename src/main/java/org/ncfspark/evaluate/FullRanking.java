package org.ncfspark.evaluate;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ncfspark.data.Columns;

/**
 * The unsampled protocol: each user's test positive ranked against every catalogue item the
 * user has no training positive for, not against a sample of negatives. Scores are computed in
 * user x item blocks ({@link UserItemBlocks}); a task keeps only, per user, how many items
 * score at or above the positive, so neither the scores nor a per-user list is materialised.
 */
public final class FullRanking {

  public static final String POSITIVE_ITEM = "positiveItem";
  public static final String SEEN = "seen";

  private static final String POSITIVE_SCORE = "positiveScore";
  private static final String AT_OR_ABOVE = "atOrAbove";
  private static final String ORDER = "order";
  private static final StructType BLOCK_COUNTS = new StructType()
      .add(Columns.USER, DataTypes.IntegerType, false)
      .add(AT_OR_ABOVE, DataTypes.LongType, false)
      .add(Columns.NEGATIVES, DataTypes.LongType, false);
  private static final UserDefinedFunction RANK = udf(
      (UDF1<Long, Integer>) RankingMetrics::rank, DataTypes.IntegerType);

  private FullRanking() {}

  /**
   * The users to rank: (user, positiveItem, seen: the user's training positives), for all test
   * users when {@code limit} is 0 or at least their number, else for {@code limit} of them
   * chosen by a hash of (seed, user), the same subset in every run with that seed.
   */
  public static Dataset<Row> users(Dataset<Row> train, Dataset<Row> test, long limit,
      long seed) {
    Dataset<Row> positives = test
        .filter(col(Columns.LABEL).equalTo(1))
        .select(col(Columns.USER).cast(DataTypes.IntegerType).as(Columns.USER),
            col(Columns.ITEM).cast(DataTypes.IntegerType).as(POSITIVE_ITEM));
    if (limit > 0) {
      UserDefinedFunction order = udf((UDF2<Integer, Long, Double>)
          (user, userSeed) -> SeededHash.uniform(userSeed, user, 0), DataTypes.DoubleType);
      positives = positives
          .withColumn(ORDER, order.apply(col(Columns.USER), lit(seed)))
          .orderBy(ORDER, Columns.USER)
          .limit((int) Math.min(limit, Integer.MAX_VALUE))
          .drop(ORDER);
    }
    Dataset<Row> seen = train
        .filter(col(Columns.LABEL).equalTo(1))
        .groupBy(col(Columns.USER).cast(DataTypes.IntegerType).as(Columns.USER))
        .agg(array_sort(collect_set(col(Columns.ITEM).cast(DataTypes.IntegerType))).as(SEEN));
    return positives.join(seen, Columns.USER, "left");
  }

  /**
   * One row per user of {@code users} (from {@link #users}): user, rank of the positive among
   * the unseen catalogue items, negatives (how many items it was ranked against).
   */
  public static Dataset<Row> ranks(SparkSession spark, Dataset<Row> users, long userCount,
      ScoringModel model, UserItemBlocks blocks) {
    Dataset<Row> withScore = PairScoring
        .score(users.withColumn(Columns.ITEM, col(POSITIVE_ITEM)), model)
        .withColumnRenamed(Columns.SCORE, POSITIVE_SCORE)
        .drop(Columns.ITEM);
    Dataset<Row> vectors = model.userVectors();
    if (vectors != null) {
      withScore = withScore.join(vectors, Columns.USER, "left");
    }
    CountPartition counting = new CountPartition(model.scorer(), blocks);
    return blocks.expand(spark, withScore, userCount)
        .mapPartitions(counting, Encoders.row(BLOCK_COUNTS))
        .groupBy(Columns.USER)
        .agg(sum(AT_OR_ABOVE).as(AT_OR_ABOVE), sum(Columns.NEGATIVES).as(Columns.NEGATIVES))
        // A user who has seen every other item has nothing to be ranked against.
        .filter(col(Columns.NEGATIVES).gt(0))
        .select(col(Columns.USER), RANK.apply(col(AT_OR_ABOVE)).as(Columns.RANK),
            col(Columns.NEGATIVES));
  }

  /** Counts, per (user, block) row, the items scored and those at or above the positive. */
  private record CountPartition(PairScorer.Factory factory, UserItemBlocks blocks)
      implements MapPartitionsFunction<Row, Row> {

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      if (!rows.hasNext()) {
        return Collections.emptyIterator();
      }
      PairScorer scorer = factory.open();
      List<Row> counts = new ArrayList<>();
      while (rows.hasNext()) {
        counts.add(count(scorer, rows.next()));
      }
      return counts.iterator();
    }

    private Row count(PairScorer scorer, Row row) {
      int user = row.getInt(row.fieldIndex(Columns.USER));
      double positive = row.getFloat(row.fieldIndex(POSITIVE_SCORE));
      int vectorField = fieldIndexOrNone(row, PairScoring.USER_VECTOR);
      long[] atOrAbove = new long[1];
      long scored = blocks.scoreBlock(scorer, user, PairScoring.vector(row, vectorField),
          UserItemBlocks.sortedItems(row, SEEN), row.getInt(row.fieldIndex(POSITIVE_ITEM)),
          row.getInt(row.fieldIndex(UserItemBlocks.BLOCK)),
          (items, scores, count) -> {
            for (int i = 0; i < count; i++) {
              if (RankingMetrics.outranks(scores[i], positive)) {
                atOrAbove[0]++;
              }
            }
          });
      return RowFactory.create(user, atOrAbove[0], scored);
    }
  }

  static int fieldIndexOrNone(Row row, String name) {
    for (int i = 0; i < row.schema().fields().length; i++) {
      if (row.schema().fields()[i].name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
