package org.ncfspark.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ncfspark.data.Columns;
import org.ncfspark.data.ModelLayout;
import org.ncfspark.data.PreparedLayout;

/**
 * A tiny prepared directory and model directory on local disk: {@value #USERS} users with one
 * test positive and {@value #NEGATIVES} test negatives each among {@value #ITEMS} items,
 * {@value #TRAIN_POSITIVES} training positives each (even offsets from the test positive, so
 * never a test candidate), userId = 100 + user, movieId = 1000 + item.
 */
public final class PreparedFixture {

  public static final int USERS = 6;
  public static final int ITEMS = 20;
  public static final int NEGATIVES = 9;
  public static final int TRAIN_POSITIVES = 3;

  private PreparedFixture() {}

  public static int positive(int user) {
    return user * 3 % ITEMS;
  }

  /** Odd offsets from the positive, so the negatives are distinct and never the positive. */
  public static int negative(int user, int j) {
    return (positive(user) + 1 + 2 * j) % ITEMS;
  }

  /** The user's training positives: 2, 4 and 6 past the test positive. */
  public static int trainPositive(int user, int j) {
    return (positive(user) + 2 + 2 * j) % ITEMS;
  }

  /** Training rows: the positives, and one negative each that must not count as seen. */
  public static List<Row> trainRows() {
    List<Row> rows = new ArrayList<>();
    for (int user = 0; user < USERS; user++) {
      for (int j = 0; j < TRAIN_POSITIVES; j++) {
        rows.add(RowFactory.create(user, trainPositive(user, j), 1));
      }
      rows.add(RowFactory.create(user, (positive(user) + 8) % ITEMS, 0));
    }
    return rows;
  }

  public static List<Row> testRows() {
    List<Row> rows = new ArrayList<>();
    for (int user = 0; user < USERS; user++) {
      rows.add(RowFactory.create(user, positive(user), 1));
      for (int j = 0; j < NEGATIVES; j++) {
        rows.add(RowFactory.create(user, negative(user, j), 0));
      }
    }
    return rows;
  }

  public static void writePrepared(SparkSession spark, Path dir, List<Row> testRows) {
    writePrepared(spark, dir, trainRows(), testRows, ITEMS);
  }

  public static void writePrepared(SparkSession spark, Path dir, List<Row> trainRows,
      List<Row> testRows, int items) {
    PreparedLayout layout = new PreparedLayout(dir.toString());
    StructType candidates = new StructType()
        .add(Columns.USER, DataTypes.IntegerType, false)
        .add(Columns.ITEM, DataTypes.IntegerType, false)
        .add(Columns.LABEL, DataTypes.IntegerType, false);
    spark.createDataFrame(testRows, candidates).repartition(2).write().parquet(layout.test());
    spark.createDataFrame(trainRows, candidates).repartition(2).write().parquet(layout.train());
    writeItems(spark, layout, items);
    try {
      Files.writeString(Path.of(layout.summary()), "{\"users\": " + USERS + ", \"items\": "
          + items + ", \"parameters\": {\"inputDir\": null}}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    List<Row> users = new ArrayList<>();
    for (int user = 0; user < USERS; user++) {
      users.add(RowFactory.create(user, 100 + user));
    }
    StructType userIds = new StructType()
        .add(Columns.USER, DataTypes.IntegerType, false)
        .add(Columns.USER_ID, DataTypes.IntegerType, false);
    spark.createDataFrame(users, userIds).write().parquet(layout.users());
  }

  private static void writeItems(SparkSession spark, PreparedLayout layout, int items) {
    List<Row> rows = new ArrayList<>();
    for (int item = 0; item < items; item++) {
      rows.add(RowFactory.create(item, 1000 + item, "Movie " + item + " (2000)", 2000,
          "Drama"));
    }
    StructType schema = new StructType()
        .add(Columns.ITEM, DataTypes.IntegerType, false)
        .add(Columns.MOVIE_ID, DataTypes.IntegerType, false)
        .add(Columns.TITLE, DataTypes.StringType, false)
        .add(Columns.YEAR, DataTypes.IntegerType, true)
        .add(Columns.GENRES, DataTypes.StringType, true);
    spark.createDataFrame(rows, schema).write().parquet(layout.items());
  }

  public static void writeModel(ComputationGraph graph, Path dir) {
    ModelLayout layout = new ModelLayout(dir.toString());
    try {
      Files.createDirectories(dir);
      Files.write(Path.of(layout.model()), TinyModels.zip(graph));
      Files.writeString(Path.of(layout.description()),
          "{\"epochs\": 3, \"trainLoss\": 0.41, \"history\": [0.6, 0.5, 0.41]}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
