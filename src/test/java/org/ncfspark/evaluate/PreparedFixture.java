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
 * positive and {@value #NEGATIVES} negatives each among {@value #ITEMS} items, userId = 100 +
 * user.
 */
final class PreparedFixture {

  static final int USERS = 6;
  static final int ITEMS = 20;
  static final int NEGATIVES = 9;

  private PreparedFixture() {}

  static int positive(int user) {
    return user * 3 % ITEMS;
  }

  /** Odd offsets from the positive, so the negatives are distinct and never the positive. */
  static int negative(int user, int j) {
    return (positive(user) + 1 + 2 * j) % ITEMS;
  }

  static List<Row> testRows() {
    List<Row> rows = new ArrayList<>();
    for (int user = 0; user < USERS; user++) {
      rows.add(RowFactory.create(user, positive(user), 1));
      for (int j = 0; j < NEGATIVES; j++) {
        rows.add(RowFactory.create(user, negative(user, j), 0));
      }
    }
    return rows;
  }

  static void writePrepared(SparkSession spark, Path dir, List<Row> testRows) {
    PreparedLayout layout = new PreparedLayout(dir.toString());
    StructType candidates = new StructType()
        .add(Columns.USER, DataTypes.IntegerType, false)
        .add(Columns.ITEM, DataTypes.IntegerType, false)
        .add(Columns.LABEL, DataTypes.IntegerType, false);
    spark.createDataFrame(testRows, candidates).repartition(2).write().parquet(layout.test());

    List<Row> users = new ArrayList<>();
    for (int user = 0; user < USERS; user++) {
      users.add(RowFactory.create(user, 100 + user));
    }
    StructType userIds = new StructType()
        .add(Columns.USER, DataTypes.IntegerType, false)
        .add(Columns.USER_ID, DataTypes.IntegerType, false);
    spark.createDataFrame(users, userIds).write().parquet(layout.users());
  }

  static void writeModel(ComputationGraph graph, Path dir) {
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
