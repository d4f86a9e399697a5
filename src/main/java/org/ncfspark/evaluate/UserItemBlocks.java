package org.ncfspark.evaluate;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Scores users against the whole catalogue in user x item blocks: each user row is crossed with
 * the item blocks, rows are spread over the cluster, and each task walks its users' blocks item
 * by item, skipping the items a user is excluded from, scoring a batch at a time and handing the
 * scores to a {@link Consumer} that keeps only what it needs (a count, a top N). No score
 * outlives its batch. The catalogue is the dense item indices 0 to items - 1.
 */
public final class UserItemBlocks implements Serializable {

  /** Column of the item block a user row is crossed with. */
  public static final String BLOCK = "block";

  private static final long serialVersionUID = 1L;
  private static final int ROWS_PER_PARTITION_TARGET = 64;

  private final int items;
  private final int itemsPerBlock;

  /** {@code itemsPerBlock}: how many catalogue items one (user, block) row covers. */
  public UserItemBlocks(int items, int itemsPerBlock) {
    if (items < 1 || itemsPerBlock < 1) {
      throw new IllegalArgumentException("items and items per block must be >= 1, got " + items
          + " and " + itemsPerBlock);
    }
    this.items = items;
    this.itemsPerBlock = itemsPerBlock;
  }

  public int items() {
    return items;
  }

  public int blocks() {
    return (items + itemsPerBlock - 1) / itemsPerBlock;
  }

  /**
   * Each row of {@code users} once per item block, with an int {@value #BLOCK} column, spread
   * over enough partitions to keep every core busy even when there are few users.
   */
  public Dataset<Row> expand(SparkSession spark, Dataset<Row> users, long userCount) {
    Dataset<Row> blockIds = spark.range(blocks())
        .select(col("id").cast(DataTypes.IntegerType).as(BLOCK));
    long rows = userCount * blocks();
    int cores = spark.sparkContext().defaultParallelism();
    int partitions = (int) Math.max(1, Math.min(4L * cores,
        (rows + ROWS_PER_PARTITION_TARGET - 1) / ROWS_PER_PARTITION_TARGET));
    return users.crossJoin(blockIds).repartition(Math.max(partitions, Math.min(cores, (int) rows)));
  }

  /**
   * Scores {@code user} against the items of {@code block} that are not in {@code excluded}
   * (sorted ascending) and not {@code alsoExcluded} (-1 for none), passing each batch to
   * {@code consumer}. Returns how many items were scored.
   */
  public long scoreBlock(PairScorer scorer, int user, float[] userVector, int[] excluded,
      int alsoExcluded, int block, Consumer consumer) {
    int batch = scorer.batchSize();
    int[] users = new int[batch];
    Arrays.fill(users, user);
    float[][] vectors = new float[batch][];
    Arrays.fill(vectors, userVector);
    int[] batchItems = new int[batch];
    float[] scores = new float[batch];

    int from = block * itemsPerBlock;
    int to = Math.min(items, from + itemsPerBlock);
    int skip = firstAtLeast(excluded, from);
    int size = 0;
    long scored = 0;
    for (int item = from; item < to; item++) {
      while (skip < excluded.length && excluded[skip] < item) {
        skip++;
      }
      if ((skip < excluded.length && excluded[skip] == item) || item == alsoExcluded) {
        continue;
      }
      batchItems[size++] = item;
      if (size == batch) {
        scorer.score(users, vectors, batchItems, size, scores);
        consumer.accept(batchItems, scores, size);
        scored += size;
        size = 0;
      }
    }
    if (size > 0) {
      scorer.score(users, vectors, batchItems, size, scores);
      consumer.accept(batchItems, scores, size);
      scored += size;
    }
    return scored;
  }

  /** A sorted int array from an array column's value; null or missing is empty. */
  public static int[] sortedItems(Row row, String column) {
    int field = row.fieldIndex(column);
    if (row.isNullAt(field)) {
      return new int[0];
    }
    List<Object> values = row.getList(field);
    int[] sorted = new int[values.size()];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = ((Number) values.get(i)).intValue();
    }
    Arrays.sort(sorted);
    return sorted;
  }

  private static int firstAtLeast(int[] sorted, int value) {
    int index = Arrays.binarySearch(sorted, value);
    return index >= 0 ? index : -index - 1;
  }

  /** Receives each scored batch: {@code items[i]} scored {@code scores[i]} for i < count. */
  @FunctionalInterface
  public interface Consumer {

    void accept(int[] items, float[] scores, int count);
  }
}
