package org.ncfspark.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.ncfspark.data.PreparedLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training rows each epoch fits: PrepareJob's rows in every epoch, or, with
 * --resample-negatives, PrepareJob's in the first and fresh negatives in each later one. Only
 * the current epoch's fresh rows are kept in memory.
 */
final class EpochRows implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EpochRows.class);

  private final TrainingData prepared;
  private final NegativeResampling resampling;
  private JavaRDD<InteractionBlock> fresh;

  private EpochRows(TrainingData prepared, NegativeResampling resampling) {
    this.prepared = prepared;
    this.resampling = resampling;
  }

  static EpochRows open(SparkSession spark, TrainOptions options, TrainingData prepared,
      int workers) {
    if (!options.resampleNegatives()) {
      return new EpochRows(prepared, null);
    }
    NegativeResampling resampling = NegativeResampling.load(spark,
        new PreparedLayout(options.preparedDir()), prepared.summary(), workers, options.seed());
    LOG.info("Resampling {} negatives per training positive before every epoch after the first",
        resampling.perPositive());
    return new EpochRows(prepared, resampling);
  }

  JavaRDD<InteractionBlock> forEpoch(int epoch) {
    if (resampling == null || epoch == 1) {
      return prepared.blocks();
    }
    release();
    fresh = resampling.blocks(epoch);
    return fresh;
  }

  private void release() {
    if (fresh != null) {
      fresh.unpersist(false);
      fresh = null;
    }
  }

  @Override
  public void close() {
    release();
    if (resampling != null) {
      resampling.close();
    }
  }
}
