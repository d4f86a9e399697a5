package org.ncfspark.train;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ncfspark.cli.UserError;
import org.ncfspark.data.Columns;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepared training rows, spread evenly over one partition per worker and held in memory as
 * {@link InteractionBlock}s for every epoch, with the counts checked against the summary.
 *
 * @param blocks one block per partition, persisted in memory
 * @param rows training rows
 * @param positives rows labelled 1
 * @param largestPartition rows of the largest partition
 * @param summary the prepared summary that sizes the embeddings
 */
public record TrainingData(
    JavaRDD<InteractionBlock> blocks, long rows, long positives, long largestPartition,
    PreparedSummary summary) {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingData.class);

  /** Index columns travel as float; above 2^24 floats stop representing every integer. */
  static final int MAX_INDEX_COUNT = 1 << 24;

  /**
   * Reads train/ and summary.json under the prepared directory. The rows are dealt round-robin
   * into {@code partitions} partitions so that each worker sees every user and item, whatever
   * order PrepareJob wrote them in.
   */
  public static TrainingData load(SparkSession spark, Storage storage, String preparedDir,
      int partitions) {
    PreparedLayout layout = new PreparedLayout(preparedDir);
    PreparedSummary summary = PreparedSummary.read(storage, layout);
    if (summary.users() > MAX_INDEX_COUNT || summary.items() > MAX_INDEX_COUNT) {
      throw new UserError(layout.summary() + ": " + summary.users() + " users and "
          + summary.items() + " items; at most " + MAX_INDEX_COUNT + " of each are supported");
    }

    JavaRDD<InteractionBlock> blocks = toBlocks(trainRows(spark, storage, layout), partitions)
        .persist(StorageLevel.MEMORY_ONLY());
    BlockStats stats = blocks.map(BlockStats::of).reduce(BlockStats::merge);
    check(stats, summary, layout);

    LOG.info("Read {} training rows ({} positives, {} negatives) for {} users and {} items from "
        + "{}, in {} partitions", stats.rows, stats.positives, stats.rows - stats.positives,
        summary.users(), summary.items(), layout.train(), partitions);
    return new TrainingData(blocks, stats.rows, stats.positives, stats.largestBlock, summary);
  }

  /**
   * Rows of (user, item, label) as int columns, dealt round-robin into {@code partitions}
   * blocks; Spark sorts the rows before dealing them, so the same rows give the same blocks.
   */
  static JavaRDD<InteractionBlock> toBlocks(Dataset<Row> rows, int partitions) {
    return rows
        .repartition(partitions)
        .javaRDD()
        .mapPartitions(partition -> List.of(InteractionBlock.fromRows(partition)).iterator(), true);
  }

  private static Dataset<Row> trainRows(SparkSession spark, Storage storage,
      PreparedLayout layout) {
    String path = layout.train();
    if (!storage.exists(path)) {
      throw new UserError("option '--prepared-dir': " + path + " not found; run PrepareJob first");
    }
    Dataset<Row> rows = spark.read().parquet(path);
    List<String> columns = Arrays.asList(rows.columns());
    for (String column : List.of(Columns.USER, Columns.ITEM, Columns.LABEL)) {
      if (!columns.contains(column)) {
        throw new UserError(path + ": expected a column '" + column + "', found " + columns);
      }
    }
    return rows.select(
        col(Columns.USER).cast("int"),
        col(Columns.ITEM).cast("int"),
        col(Columns.LABEL).cast("int"));
  }

  private static void check(BlockStats stats, PreparedSummary summary, PreparedLayout layout) {
    String source = layout.train();
    if (stats.rows == 0) {
      throw new UserError(source + ": no training rows");
    }
    if (stats.badLabels > 0) {
      throw new UserError(source + ": " + stats.badLabels + " rows have a label other than 0 or 1");
    }
    if (stats.minUser < 0 || stats.maxUser >= summary.users()) {
      throw new UserError(source + ": user indices run from " + stats.minUser + " to "
          + stats.maxUser + ", but " + layout.summary() + " counts " + summary.users() + " users");
    }
    if (stats.minItem < 0 || stats.maxItem >= summary.items()) {
      throw new UserError(source + ": item indices run from " + stats.minItem + " to "
          + stats.maxItem + ", but " + layout.summary() + " counts " + summary.items() + " items");
    }
  }

  /** Counts and index ranges of some blocks, combined on the driver into the whole data's. */
  private record BlockStats(long rows, long largestBlock, long positives, long badLabels,
      int minUser, int maxUser, int minItem, int maxItem) implements Serializable {

    static BlockStats of(InteractionBlock block) {
      long positives = 0;
      long badLabels = 0;
      int minUser = Integer.MAX_VALUE;
      int maxUser = Integer.MIN_VALUE;
      int minItem = Integer.MAX_VALUE;
      int maxItem = Integer.MIN_VALUE;
      for (int row = 0; row < block.size(); row++) {
        float label = block.label(row);
        positives += label == 1f ? 1 : 0;
        badLabels += label == 0f || label == 1f ? 0 : 1;
        minUser = Math.min(minUser, block.user(row));
        maxUser = Math.max(maxUser, block.user(row));
        minItem = Math.min(minItem, block.item(row));
        maxItem = Math.max(maxItem, block.item(row));
      }
      return new BlockStats(block.size(), block.size(), positives, badLabels, minUser, maxUser,
          minItem, maxItem);
    }

    static BlockStats merge(BlockStats a, BlockStats b) {
      return new BlockStats(a.rows + b.rows, Math.max(a.largestBlock, b.largestBlock),
          a.positives + b.positives,
          a.badLabels + b.badLabels, Math.min(a.minUser, b.minUser),
          Math.max(a.maxUser, b.maxUser), Math.min(a.minItem, b.minItem),
          Math.max(a.maxItem, b.maxItem));
    }
  }
}
