package org.ncfspark.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ncfspark.data.Columns;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.prepare.LeaveLastOutSplit;
import org.ncfspark.prepare.NegativeSampling;

/**
 * Fresh training negatives for each epoch, drawn on the executors by PrepareJob's own sampler:
 * uniformly among the items the user has no positive for, in training or test, as many per
 * training positive as PrepareJob drew. Each epoch's draw is seeded by the training seed and the
 * epoch, and within it by the user, so it does not depend on partitioning either.
 */
public final class NegativeResampling implements AutoCloseable {

  /** An odd constant near 2^64 / golden ratio, as in {@link Minibatches}. */
  private static final long SPREAD = 0x9E3779B97F4A7C15L;

  private final NegativeSampling sampling;
  private final int perPositive;
  private final int partitions;
  private final long seed;

  private NegativeResampling(NegativeSampling sampling, int perPositive, int partitions,
      long seed) {
    this.sampling = sampling;
    this.perPositive = perPositive;
    this.partitions = partitions;
    this.seed = seed;
  }

  /**
   * Reads every user's positives from train/ and test/ once and keeps them in memory. The
   * sampler needs each positive once; PrepareJob's rows hold no repeats, hand-made ones may.
   *
   * @param partitions partitions of the blocks each epoch, one per worker
   */
  public static NegativeResampling load(SparkSession spark, PreparedLayout layout,
      PreparedSummary summary, int partitions, long seed) {
    Dataset<Row> split = positives(spark, layout.train(), false)
        .union(positives(spark, layout.test(), true))
        .distinct();
    NegativeSampling sampling = new NegativeSampling(split, summary.items(), seed, 0).persist();
    return new NegativeResampling(sampling, summary.trainNegatives(), partitions, seed);
  }

  private static Dataset<Row> positives(SparkSession spark, String path, boolean test) {
    return spark.read().parquet(path)
        .filter(col(Columns.LABEL).equalTo(1))
        .select(col(Columns.USER).cast("int"), col(Columns.ITEM).cast("int"),
            lit(test).as(LeaveLastOutSplit.IS_TEST));
  }

  /** Negatives drawn per training positive, as PrepareJob drew them. */
  public int perPositive() {
    return perPositive;
  }

  /** This epoch's training rows, every positive with fresh negatives, as in-memory blocks. */
  public JavaRDD<InteractionBlock> blocks(int epoch) {
    return TrainingData.toBlocks(
        sampling.reseeded(epochSeed(seed, epoch)).train(perPositive), partitions)
        .persist(StorageLevel.MEMORY_ONLY());
  }

  static long epochSeed(long seed, int epoch) {
    return seed * SPREAD + epoch;
  }

  @Override
  public void close() {
    sampling.unpersist();
  }
}
