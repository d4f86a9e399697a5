package org.ncfspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.io.Storage;
import org.ncfspark.spark.TestSpark;

/**
 * Resampled negatives on a hand-made catalogue of 12 items: user u's training positives are
 * items u..u+4 and its test positive u+5, so items outside u..u+5 are the only valid negatives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NegativeResamplingTest {

  private static final int USERS = 5;
  private static final int ITEMS = 12;
  private static final int TRAIN_POSITIVES = 5;
  private static final int PER_POSITIVE = 3;

  private SparkSession spark;
  private PreparedLayout layout;
  private PreparedSummary summary;

  @BeforeAll
  void writePrepared(@TempDir Path dir) throws IOException {
    spark = TestSpark.session();
    Path prepared = dir.resolve("prepared");
    List<Row> train = new ArrayList<>();
    List<Row> test = new ArrayList<>();
    for (int user = 0; user < USERS; user++) {
      for (int item = user; item < user + TRAIN_POSITIVES; item++) {
        train.add(RowFactory.create(user, item, 1));
        train.add(RowFactory.create(user, (item + 6) % ITEMS, 0));
      }
      test.add(RowFactory.create(user, user + TRAIN_POSITIVES, 1));
      test.add(RowFactory.create(user, (user + 8) % ITEMS, 0));
    }
    write(train, prepared.resolve("train"));
    write(test, prepared.resolve("test"));
    Files.writeString(prepared.resolve("summary.json"), "{\"users\": " + USERS
        + ", \"items\": " + ITEMS + ", \"parameters\": {\"trainNegatives\": " + PER_POSITIVE
        + "}}");
    layout = new PreparedLayout(prepared.toString());
    summary = PreparedSummary.read(new Storage(spark.sparkContext().hadoopConfiguration()),
        layout);
  }

  private void write(List<Row> rows, Path path) {
    StructType schema = new StructType()
        .add("user", DataTypes.IntegerType, false)
        .add("item", DataTypes.IntegerType, false)
        .add("label", DataTypes.IntegerType, false);
    spark.createDataFrame(rows, schema).write().parquet(path.toString());
  }

  /** Per user, its labelled rows as "item:label" strings in block order. */
  private static Map<Integer, List<String>> rowsByUser(JavaRDD<InteractionBlock> blocks) {
    Map<Integer, List<String>> byUser = new TreeMap<>();
    for (InteractionBlock block : blocks.collect()) {
      for (int row = 0; row < block.size(); row++) {
        byUser.computeIfAbsent(block.user(row), user -> new ArrayList<>())
            .add(block.item(row) + ":" + (int) block.label(row));
      }
    }
    return byUser;
  }

  private Map<Integer, List<String>> epoch(int epoch, int partitions, long seed) {
    try (NegativeResampling resampling =
        NegativeResampling.load(spark, layout, summary, partitions, seed)) {
      JavaRDD<InteractionBlock> blocks = resampling.blocks(epoch);
      assertEquals(partitions, blocks.getNumPartitions());
      return rowsByUser(blocks);
    }
  }

  @Test
  @DisplayName("each training positive gets 3 negatives, none a train or test positive")
  void negativesAvoidEveryPositive() {
    Map<Integer, List<String>> rows = epoch(2, 2, 42);

    assertEquals(USERS, rows.size());
    for (Map.Entry<Integer, List<String>> user : rows.entrySet()) {
      int u = user.getKey();
      Set<Integer> positives = new HashSet<>();
      int negatives = 0;
      for (String row : user.getValue()) {
        int item = Integer.parseInt(row.split(":")[0]);
        boolean positive = row.endsWith(":1");
        if (positive) {
          positives.add(item);
        } else {
          negatives++;
          assertFalse(item >= u && item <= u + TRAIN_POSITIVES, "user " + u + " got " + item);
        }
      }
      assertEquals(Set.of(u, u + 1, u + 2, u + 3, u + 4), positives, "user " + u);
      assertEquals(TRAIN_POSITIVES * PER_POSITIVE, negatives, "user " + u);
    }
  }

  @Test
  @DisplayName("an epoch's draw depends on seed and epoch, not on the partitions")
  void drawsAreSeededPerEpoch() {
    Map<Integer, List<String>> epoch2 = epoch(2, 2, 42);

    assertEquals(sorted(epoch2), sorted(epoch(2, 3, 42)));
    assertNotEquals(sorted(epoch2), sorted(epoch(3, 2, 42)));
    assertNotEquals(sorted(epoch2), sorted(epoch(2, 2, 43)));
  }

  private static Map<Integer, List<String>> sorted(Map<Integer, List<String>> rows) {
    Map<Integer, List<String>> sorted = new HashMap<>();
    rows.forEach((user, list) -> {
      List<String> copy = new ArrayList<>(list);
      copy.sort(null);
      sorted.put(user, copy);
    });
    assertTrue(sorted.size() == USERS);
    return sorted;
  }
}
