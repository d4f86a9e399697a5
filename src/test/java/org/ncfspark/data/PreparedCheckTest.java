package org.ncfspark.data;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncfspark.cli.UserError;
import org.ncfspark.spark.TestSpark;

/**
 * Prepared data of 3 users and 6 items, made bad in one way at a time: each way fails the check
 * that names it.
 */
class PreparedCheckTest {

  private static final StructType SCHEMA = new StructType()
      .add(Columns.USER, DataTypes.IntegerType)
      .add(Columns.ITEM, DataTypes.IntegerType)
      .add(Columns.LABEL, DataTypes.IntegerType);

  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path temp;

  /** User u has training positive u and negative u + 1. */
  private static List<Row> train() {
    List<Row> rows = new ArrayList<>();
    for (int user = 0; user < 3; user++) {
      rows.add(RowFactory.create(user, user, 1));
      rows.add(RowFactory.create(user, user + 1, 0));
    }
    return rows;
  }

  /** User u has test positive u + 2 and negative 5. */
  private static List<Row> test() {
    List<Row> rows = new ArrayList<>();
    for (int user = 0; user < 3; user++) {
      rows.add(RowFactory.create(user, user + 2, 1));
      rows.add(RowFactory.create(user, 5, 0));
    }
    return rows;
  }

  @Test
  @DisplayName("consistent prepared data passes")
  void goodDataPasses() {
    assertDoesNotThrow(() -> check(train(), test(), 3, 6));
  }

  @Test
  @DisplayName("an item index beyond summary.json's items fails the index check")
  void indexBeyondSummary() {
    assertFails(PreparedCheck.INDICES, "users run from 0 to 2 and items from 0 to 5, but "
        + "summary.json counts 3 users and 5 items", train(), test(), 3, 5);
  }

  @Test
  @DisplayName("a user with two test positives fails the one-positive check")
  void twoTestPositives() {
    List<Row> test = test();
    test.set(1, RowFactory.create(0, 5, 1));
    assertFails(PreparedCheck.ONE_POSITIVE, "1 test users have another number", train(), test, 3,
        6);
  }

  @Test
  @DisplayName("a user of summary.json without test rows fails the all-users check")
  void missingTestUser() {
    List<Row> test = test();
    test.removeIf(row -> row.getInt(0) == 2);
    assertFails(PreparedCheck.ALL_USERS, "test/ holds 2 users, summary.json counts 3", train(),
        test, 3, 6);
  }

  @Test
  @DisplayName("a test positive that is also a training positive fails the held-out check")
  void testPositiveInTraining() {
    List<Row> train = train();
    train.add(RowFactory.create(1, 3, 1));
    assertFails(PreparedCheck.HELD_OUT, "1 test positives are also training positives", train,
        test(), 3, 6);
  }

  @Test
  @DisplayName("a negative equal to one of the user's positives fails the negatives check")
  void negativeIsPositive() {
    List<Row> train = train();
    train.add(RowFactory.create(2, 4, 0));
    assertFails(PreparedCheck.NEGATIVES,
        "1 distinct (user, item) negatives equal one of the user's positives", train, test(), 3,
        6);
  }

  private void assertFails(String check, String detail, List<Row> train, List<Row> test,
      long users, int items) {
    UserError error = assertThrows(UserError.class, () -> check(train, test, users, items));
    assertEquals("prepared data " + temp.resolve("prepared") + " fails the check '" + check
        + "': " + detail + "; was it changed after PrepareJob wrote it?", error.getMessage());
  }

  private void check(List<Row> train, List<Row> test, long users, int items) {
    PreparedLayout layout = new PreparedLayout(temp.resolve("prepared").toString());
    spark.createDataFrame(train, SCHEMA).write().mode("overwrite").parquet(layout.train());
    spark.createDataFrame(test, SCHEMA).write().mode("overwrite").parquet(layout.test());
    PreparedCheck.check(spark, layout, new PreparedFacts(users, items, null));
  }
}
