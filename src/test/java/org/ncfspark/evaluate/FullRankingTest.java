package org.ncfspark.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

class FullRankingTest {

  private static final int ITEMS = 10;

  private static SparkSession spark;
  private static Dataset<Row> train;
  private static Dataset<Row> test;

  @BeforeAll
  static void threeUsers() {
    spark = TestSpark.session();
    StructType schema = new StructType()
        .add(Columns.USER, DataTypes.IntegerType)
        .add(Columns.ITEM, DataTypes.IntegerType)
        .add(Columns.LABEL, DataTypes.IntegerType);
    train = spark.createDataFrame(List.of(
        // user 0 has seen 7, 9 and 2; the negative 6 is not a training positive
        RowFactory.create(0, 7, 1), RowFactory.create(0, 9, 1), RowFactory.create(0, 2, 1),
        RowFactory.create(0, 6, 0),
        RowFactory.create(1, 8, 1)), schema);
    test = spark.createDataFrame(List.of(
        RowFactory.create(0, 5, 1), RowFactory.create(0, 0, 0),
        RowFactory.create(1, 9, 1), RowFactory.create(1, 0, 0),
        RowFactory.create(2, 0, 1), RowFactory.create(2, 1, 0)), schema);
  }

  @Test
  @DisplayName("scored by item index, ranks exclude training positives: 3 of 7, 1 of 9, 10 of 10")
  void ranksAgainstUnseenItems() {
    Map<Integer, Row> byUser = ranks(FullRanking.users(train, test, 0, 1), 3, 2);

    assertEquals(3, byUser.size());
    // user 0: unseen 0, 1, 3, 4, 6, 8 besides the positive 5; 6 and 8 score above it.
    assertEquals(3, byUser.get(0).getInt(1));
    assertEquals(6L, byUser.get(0).getLong(2));
    // user 1: 9 is the highest item; 8 is seen.
    assertEquals(1, byUser.get(1).getInt(1));
    assertEquals(8L, byUser.get(1).getLong(2));
    // user 2: item 0 is the lowest of ten, nothing seen.
    assertEquals(10, byUser.get(2).getInt(1));
    assertEquals(9L, byUser.get(2).getLong(2));
  }

  @Test
  @DisplayName("block and batch sizes do not change a rank")
  void blocksDoNotMatter() {
    Map<Integer, Row> small = ranks(FullRanking.users(train, test, 0, 1), 1, 1);
    Map<Integer, Row> whole = ranks(FullRanking.users(train, test, 0, 1), ITEMS, 64);

    for (int user = 0; user < 3; user++) {
      assertEquals(small.get(user), whole.get(user));
    }
  }

  @Test
  @DisplayName("a user limit ranks that many users, the same ones for a seed")
  void seededSubset() {
    List<Row> first = FullRanking.users(train, test, 2, 9).select(Columns.USER)
        .orderBy(Columns.USER).collectAsList();
    List<Row> again = FullRanking.users(train, test, 2, 9).select(Columns.USER)
        .orderBy(Columns.USER).collectAsList();

    assertEquals(2, first.size());
    assertEquals(first, again);
  }

  private static Map<Integer, Row> ranks(Dataset<Row> users, int itemsPerBlock, int batch) {
    Dataset<Row> ranks = FullRanking.ranks(spark, users, 3, new ItemIndexModel(batch),
        new UserItemBlocks(ITEMS, itemsPerBlock));
    Map<Integer, Row> byUser = new HashMap<>();
    for (Row row : ranks.select(Columns.USER, Columns.RANK, Columns.NEGATIVES).collectAsList()) {
      byUser.put(row.getInt(0), row);
    }
    return byUser;
  }
}
