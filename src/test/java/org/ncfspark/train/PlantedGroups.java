package org.ncfspark.train;

import java.io.IOException;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small problem with a known answer: 16 users in 4 groups, where each group likes its own 8 of
 * 32 items. One liked item per user is left out of training; the other users of the group liked
 * it, so a model that learned the groups ranks it first among the user's 24 disliked items.
 */
final class PlantedGroups {

  static final int USERS = 16;
  static final int ITEMS = 32;
  static final int GROUPS = 4;
  /** Each (user, item) pair appears this often per epoch, for enough steps in a short run. */
  static final int COPIES = 4;

  private PlantedGroups() {}

  static boolean likes(int user, int item) {
    return item % GROUPS == user % GROUPS;
  }

  /** The liked item each user never sees in training. */
  static int heldOut(int user) {
    return (user % GROUPS) + GROUPS * (user / GROUPS);
  }

  /**
   * Writes train/ (every pair but the held-out ones, {@link #COPIES} times), test/ (each user's
   * held-out item and one disliked item) and summary.json; returns the training rows.
   */
  static long writePrepared(SparkSession spark, Path prepared) throws IOException {
    List<Row> train = new ArrayList<>();
    for (int copy = 0; copy < COPIES; copy++) {
      for (int user = 0; user < USERS; user++) {
        for (int item = 0; item < ITEMS; item++) {
          if (item != heldOut(user)) {
            train.add(RowFactory.create(user, item, likes(user, item) ? 1 : 0));
          }
        }
      }
    }
    List<Row> test = new ArrayList<>();
    for (int user = 0; user < USERS; user++) {
      test.add(RowFactory.create(user, heldOut(user), 1));
      test.add(RowFactory.create(user, (heldOut(user) + 1) % ITEMS, 0));
    }
    write(spark, train, prepared.resolve("train"));
    write(spark, test, prepared.resolve("test"));
    Files.writeString(prepared.resolve("summary.json"),
        "{\"users\": " + USERS + ", \"items\": " + ITEMS + ", \"source\": \"synthetic groups\", "
            + "\"parameters\": {\"trainNegatives\": 3}}");
    return train.size();
  }

  private static void write(SparkSession spark, List<Row> rows, Path path) {
    StructType schema = new StructType()
        .add("user", DataTypes.IntegerType, false)
        .add("item", DataTypes.IntegerType, false)
        .add("label", DataTypes.IntegerType, false);
    spark.createDataFrame(rows, schema).repartition(3).write().parquet(path.toString());
  }

  /** Scores of every (user, item) pair, users major. */
  static float[] scoreAll(ComputationGraph graph) {
    float[] users = new float[USERS * ITEMS];
    float[] items = new float[USERS * ITEMS];
    for (int i = 0; i < users.length; i++) {
      users[i] = i / ITEMS;
      items[i] = i % ITEMS;
    }
    return graph.outputSingle(column(users), column(items)).toFloatVector();
  }

  /** Users whose held-out liked item outscores every item they dislike. */
  static int heldOutFirst(ComputationGraph graph) {
    float[] scores = scoreAll(graph);
    int hits = 0;
    for (int user = 0; user < USERS; user++) {
      float positive = scores[user * ITEMS + heldOut(user)];
      boolean first = true;
      for (int item = 0; item < ITEMS; item++) {
        if (!likes(user, item) && scores[user * ITEMS + item] >= positive) {
          first = false;
        }
      }
      hits += first ? 1 : 0;
    }
    return hits;
  }

  private static INDArray column(float... values) {
    return Nd4j.create(values, new long[] {values.length, 1}, DataType.FLOAT);
  }
}
