package org.ncfspark.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncfspark.data.Columns;
import org.ncfspark.spark.TestSpark;

class UserRanksTest {

  private static final double EPS = 1e-9;
  private static final double NDCG_RANK_2 = 1 / (Math.log(3) / Math.log(2));

  private static SparkSession spark;
  private static Dataset<Row> scored;

  @BeforeAll
  static void scoreFourUsers() {
    spark = TestSpark.session();
    List<Row> rows = new ArrayList<>();
    // user 0: one negative above the positive -> rank 2
    addUser(rows, 0, 0.9f, 0.1f, 0.5f, 0.95f);
    // user 1: every negative ties the positive -> rank 4
    addUser(rows, 1, 0.5f, 0.5f, 0.5f, 0.5f);
    // user 2: two negatives above -> rank 3
    addUser(rows, 2, 0.2f, 0.3f, 0.4f, 0.1f);
    // user 3: the positive on top -> rank 1
    addUser(rows, 3, 0.8f, 0.1f, 0.2f, 0.3f);
    StructType schema = new StructType()
        .add(Columns.USER, DataTypes.IntegerType)
        .add(Columns.ITEM, DataTypes.IntegerType)
        .add(Columns.LABEL, DataTypes.IntegerType)
        .add(Columns.SCORE, DataTypes.FloatType);
    scored = spark.createDataFrame(rows, schema).repartition(3);
  }

  @Test
  @DisplayName("ranks per user match the hand-computed ranks, ties against the positive")
  void ranksPerUser() {
    Map<Integer, Row> byUser = byUser(UserRanks.compute(scored));

    assertEquals(4, byUser.size());
    assertEquals(2, byUser.get(0).getInt(1));
    assertEquals(4, byUser.get(1).getInt(1));
    assertEquals(3, byUser.get(2).getInt(1));
    assertEquals(1, byUser.get(3).getInt(1));
  }

  @Test
  @DisplayName("each user's negatives are counted: three per user here")
  void countsNegatives() {
    Map<Integer, Row> byUser = byUser(UserRanks.compute(scored));

    for (Row row : byUser.values()) {
      assertEquals(3L, row.getLong(2));
    }
  }

  @Test
  @DisplayName("HR@2 = 2/4, NDCG@2 = (1 + 1/log2 3)/4, MRR and AUC over the four users")
  void averagesAtTwo() {
    ProtocolMetrics summary = MetricSummary.summarize(UserRanks.compute(scored),
        new MetricSet(List.of(2, 3)), new Bootstrap(20, 1));

    assertEquals(4, summary.users());
    assertEquals(0.5, summary.metric("HR@2").value(), EPS);
    assertEquals((1 + NDCG_RANK_2) / 4, summary.metric("NDCG@2").value(), EPS);
    assertEquals(0.75, summary.metric("HR@3").value(), EPS);
    assertEquals((1 + NDCG_RANK_2 + 0.5) / 4, summary.metric("NDCG@3").value(), EPS);
    // ranks 2, 4, 3, 1
    assertEquals((0.5 + 0.25 + 1.0 / 3 + 1) / 4, summary.metric(MetricSet.MRR).value(), EPS);
    // negatives strictly below: 2, 0, 1, 3 of 3
    assertEquals((2 + 0 + 1 + 3) / 12.0, summary.metric(MetricSet.AUC).value(), EPS);
  }

  private static void addUser(List<Row> rows, int user, float positive, float... negatives) {
    rows.add(RowFactory.create(user, 100 + user, 1, positive));
    for (int i = 0; i < negatives.length; i++) {
      rows.add(RowFactory.create(user, 200 + 10 * user + i, 0, negatives[i]));
    }
  }

  private static Map<Integer, Row> byUser(Dataset<Row> ranks) {
    Map<Integer, Row> byUser = new HashMap<>();
    for (Row row : ranks.select(Columns.USER, Columns.RANK, Columns.NEGATIVES)
        .collectAsList()) {
      byUser.put(row.getInt(0), row);
    }
    return byUser;
  }
}
