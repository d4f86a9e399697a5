package org.ncfspark.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncfspark.baseline.AlsScores;
import org.ncfspark.baseline.AlsSettings;
import org.ncfspark.baseline.PopularityScores;
import org.ncfspark.baseline.RandomScores;
import org.ncfspark.data.Columns;
import org.ncfspark.spark.TestSpark;

class BaselinesTest {

  private static final double EPS = 1e-9;
  private static final StructType SCHEMA = new StructType()
      .add(Columns.USER, DataTypes.IntegerType)
      .add(Columns.ITEM, DataTypes.IntegerType)
      .add(Columns.LABEL, DataTypes.IntegerType);

  @Test
  @DisplayName("popularity scores the training positive count and ranks the popular item first")
  void popularityRanksThePopularItemFirst() {
    SparkSession spark = TestSpark.session();
    // item 5: four positives; item 3: two; item 7: one; item 9 only a training negative.
    Dataset<Row> train = frame(spark, List.of(
        row(0, 5, 1), row(1, 5, 1), row(2, 5, 1), row(3, 5, 1),
        row(0, 3, 1), row(1, 3, 1), row(2, 7, 1), row(3, 9, 0), row(1, 9, 0)));
    Dataset<Row> test = frame(spark, List.of(
        row(4, 5, 1), row(4, 3, 0), row(4, 7, 0), row(4, 9, 0),
        row(5, 7, 1), row(5, 5, 0), row(5, 9, 0)));

    try (ScoringModel popularity = PopularityScores.fit(spark, train, 10, 2)) {
      Dataset<Row> scored = PairScoring.score(test, popularity);
      List<Row> scores = scored.orderBy(Columns.USER, Columns.ITEM).collectAsList();
      assertEquals(List.of(2f, 4f, 1f, 0f), scores.subList(0, 4).stream()
          .map(r -> r.getFloat(3)).toList());

      List<Row> ranks = UserRanks.compute(scored).orderBy(Columns.USER).collectAsList();
      assertEquals(1, ranks.get(0).getInt(1));
      assertEquals(2, ranks.get(1).getInt(1));
    }
  }

  @Test
  @DisplayName("random's HR@10 among 100 candidates is 0.10 within its interval, and repeatable")
  void randomHitsTenPercent() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> test = candidates(spark, 400, 100);
    MetricSet metrics = new MetricSet(List.of(10));
    Bootstrap bootstrap = new Bootstrap(200, 3);

    ProtocolMetrics first = MetricSummary.summarize(
        UserRanks.compute(PairScoring.score(test, new RandomScores(17, 512))), metrics, bootstrap);
    ProtocolMetrics again = MetricSummary.summarize(
        UserRanks.compute(PairScoring.score(test, new RandomScores(17, 64))), metrics, bootstrap);

    MetricValue hr = first.metric("HR@10");
    assertEquals(0.10, hr.value(), 0.04);
    assertTrue(hr.low() <= 0.10 && 0.10 <= hr.high(), hr.toString());
    assertEquals(0.5, first.metric(MetricSet.AUC).value(), 0.05);
    assertEquals(hr, again.metric("HR@10"));
  }

  @Test
  @DisplayName("ALS learns two taste groups and beats random beyond both intervals")
  void alsBeatsRandomOnTwoGroups() {
    SparkSession spark = TestSpark.session();
    List<Row> train = new ArrayList<>();
    List<Row> test = new ArrayList<>();
    // Users 0-29 like items 0-9, users 30-59 items 10-19; each has seen 6 of the group's 10.
    for (int user = 0; user < 60; user++) {
      int group = user < 30 ? 0 : 10;
      for (int j = 0; j < 6; j++) {
        train.add(row(user, group + (user + j) % 10, 1));
      }
      test.add(row(user, group + (user + 6) % 10, 1));
      for (int j = 0; j < 9; j++) {
        test.add(row(user, 10 - group + (user + j) % 10, 0));
      }
    }
    MetricSet metrics = new MetricSet(List.of(1));
    Bootstrap bootstrap = new Bootstrap(200, 5);
    Dataset<Row> candidates = frame(spark, test);

    ProtocolMetrics als;
    try (AlsScores model = AlsScores.fit(spark, frame(spark, train), 20,
        new AlsSettings(4, 0.1, 10, 8, 1), 64)) {
      als = MetricSummary.summarize(UserRanks.compute(PairScoring.score(candidates, model)),
          metrics, bootstrap);
    }
    ProtocolMetrics random = MetricSummary.summarize(
        UserRanks.compute(PairScoring.score(candidates, new RandomScores(1, 64))), metrics,
        bootstrap);

    assertTrue(als.metric("HR@1").value() > 0.9, als.toString());
    assertTrue(als.metric("HR@1").low() > random.metric("HR@1").high(),
        als + " vs " + random);
    assertEquals(1.0, als.metric(MetricSet.AUC).value(), 0.05);
  }

  /** {@code users} users, each with item 0 as positive and items 1 .. n-1 as negatives. */
  private static Dataset<Row> candidates(SparkSession spark, int users, int perUser) {
    List<Row> rows = new ArrayList<>();
    for (int user = 0; user < users; user++) {
      for (int item = 0; item < perUser; item++) {
        rows.add(row(user, item, item == 0 ? 1 : 0));
      }
    }
    return frame(spark, rows).repartition(4);
  }

  private static Row row(int user, int item, int label) {
    return RowFactory.create(user, item, label);
  }

  private static Dataset<Row> frame(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, SCHEMA);
  }
}
