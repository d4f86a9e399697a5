package org.ncfspark.prepare;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;
import static org.ncfspark.data.Columns.ITEM;
import static org.ncfspark.data.Columns.LABEL;
import static org.ncfspark.data.Columns.USER;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple3;

/**
 * Turns each user's positives into labelled training and test rows with sampled negatives. The
 * work runs per user on the executors; see {@link NegativeSampler} for why the result does not
 * depend on partitioning.
 */
public final class NegativeSampling {

  static final String POSITIVES = "positives";
  static final String TEST_ITEM = "testItem";

  private static final Encoder<Tuple3<Integer, Integer, Integer>> ROW_ENCODER =
      Encoders.tuple(Encoders.INT(), Encoders.INT(), Encoders.INT());

  private final Dataset<Row> users;
  private final int items;
  private final long seed;

  /**
   * @param split rows of (user, item, isTest) from {@link LeaveLastOutSplit}
   * @param items size of the item catalogue
   * @param partitions partitions of the per-user work, 0 to keep Spark's default
   */
  public NegativeSampling(Dataset<Row> split, int items, long seed, int partitions) {
    Dataset<Row> perUser = split.groupBy(USER).agg(
        array_sort(collect_list(ITEM)).as(POSITIVES),
        max(when(col(LeaveLastOutSplit.IS_TEST), col(ITEM))).as(TEST_ITEM));
    this.users = partitions > 0 ? perUser.repartition(partitions, col(USER)) : perUser;
    this.items = items;
    this.seed = seed;
  }

  private NegativeSampling(Dataset<Row> users, int items, long seed) {
    this.users = users;
    this.items = items;
    this.seed = seed;
  }

  /** The same users and positives sampled with another seed, for a fresh draw each epoch. */
  public NegativeSampling reseeded(long newSeed) {
    return new NegativeSampling(users, items, newSeed);
  }

  /** Keeps the per-user positives in memory, for samplings that draw from them repeatedly. */
  public NegativeSampling persist() {
    return new NegativeSampling(users.persist(StorageLevel.MEMORY_AND_DISK()), items, seed);
  }

  public void unpersist() {
    users.unpersist(false);
  }

  /** Users with fewer than {@code needed} unseen items, one row each with their user index. */
  public Dataset<Row> usersWithFewerUnseenThan(int needed) {
    return users.filter(size(col(POSITIVES)).gt(items - needed)).select(USER);
  }

  /** Every training positive followed by {@code perPositive} negatives. */
  public Dataset<Row> train(int perPositive) {
    NegativeSampler sampler = new NegativeSampler(items, seed);
    FlatMapFunction<Row, Tuple3<Integer, Integer, Integer>> rows =
        user -> trainRows(sampler, user, perPositive).iterator();
    return labelled(users.flatMap(rows, ROW_ENCODER));
  }

  /** Every test positive followed by {@code count} distinct negatives. */
  public Dataset<Row> test(int count) {
    NegativeSampler sampler = new NegativeSampler(items, seed);
    FlatMapFunction<Row, Tuple3<Integer, Integer, Integer>> rows =
        user -> testRows(sampler, user, count).iterator();
    return labelled(users.flatMap(rows, ROW_ENCODER));
  }

  private static List<Tuple3<Integer, Integer, Integer>> trainRows(
      NegativeSampler sampler, Row row, int perPositive) {
    int user = row.getInt(0);
    int testItem = row.getInt(2);
    int[] positives = positives(row);
    int trainPositives = positives.length - 1;
    int[] negatives = sampler.trainNegatives(user, positives, perPositive * trainPositives);

    List<Tuple3<Integer, Integer, Integer>> rows = new ArrayList<>();
    int next = 0;
    for (int item : positives) {
      if (item == testItem) {
        continue;
      }
      rows.add(new Tuple3<>(user, item, 1));
      for (int i = 0; i < perPositive && next < negatives.length; i++) {
        rows.add(new Tuple3<>(user, negatives[next++], 0));
      }
    }
    return rows;
  }

  private static List<Tuple3<Integer, Integer, Integer>> testRows(
      NegativeSampler sampler, Row row, int count) {
    int user = row.getInt(0);
    int[] negatives = sampler.testNegatives(user, positives(row), count);

    List<Tuple3<Integer, Integer, Integer>> rows = new ArrayList<>(negatives.length + 1);
    rows.add(new Tuple3<>(user, row.getInt(2), 1));
    for (int item : negatives) {
      rows.add(new Tuple3<>(user, item, 0));
    }
    return rows;
  }

  private static int[] positives(Row row) {
    List<Integer> items = row.getList(1);
    return items.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Dataset<Row> labelled(Dataset<Tuple3<Integer, Integer, Integer>> rows) {
    return rows.toDF(USER, ITEM, LABEL);
  }
}
