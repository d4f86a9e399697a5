package org.ncfspark.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Fits an NCF graph on Spark, one epoch at a time, with DL4J's parameter averaging: each worker
 * fits its own copy for a few minibatches, then the driver averages the copies' weights and Adam
 * state and hands the average back out.
 */
public final class ParameterAveragingTrainer {

  /**
   * Minibatches stay deserialized in memory for the epoch. The training master persists its
   * input again at its own level, and Spark refuses a second, different level, so both use this.
   */
  private static final StorageLevel MINIBATCH_STORAGE = StorageLevel.MEMORY_ONLY();

  private final StepCountingTrainingMaster master;
  private final SparkComputationGraph sparkGraph;
  private final EpochLoss loss;
  private final int averagingFrequency;
  private final int minibatchesPerPartition;
  private final long seed;

  /**
   * @param workers the number of partitions of the blocks that {@link #fitEpoch} will be given
   * @param largestPartition rows of the largest of those partitions, which sets how many
   *     minibatches every partition is cut into
   */
  public ParameterAveragingTrainer(JavaSparkContext spark, ComputationGraph graph,
      TrainOptions options, int workers, long largestPartition) {
    this.loss = new EpochLoss(spark.sc());
    this.averagingFrequency = averagingFrequency(options, workers, largestPartition);
    this.minibatchesPerPartition = Minibatches.perPartition(
        largestPartition, options.batchSize(), averagingFrequency);
    this.seed = options.seed();
    this.master = trainingMaster(options, workers, averagingFrequency);
    this.sparkGraph = new SparkComputationGraph(spark, graph, master);
  }

  /**
   * Minibatches between averagings. One worker has nothing to average with, so it fits each
   * epoch in one round: every round is a Spark job that ships the model and its Adam state out
   * and back, and on the 5M benchmark the 46 rounds of 100 minibatches cost 7% of an epoch. Its
   * model is the same either way, but for how the rows are cut into minibatches.
   */
  static int averagingFrequency(TrainOptions options, int workers, long largestPartition) {
    if (workers > 1) {
      return options.averagingFrequency();
    }
    return Math.max(1, Minibatches.perPartition(largestPartition, options.batchSize(), 1));
  }

  /** Minibatches each worker fits between two averagings, as {@link #averagingFrequency}. */
  public int averagingFrequency() {
    return averagingFrequency;
  }

  /**
   * Continues a run whose first {@code epochs} epochs are in the graph this trainer was given:
   * the next {@link #fitEpoch} then deals its minibatches as an uninterrupted run would.
   */
  public void continueAfter(int epochs) {
    master.skipEpochs(epochs);
  }

  /**
   * Each object of the training RDD is one minibatch, and the minibatches arrive already in one
   * balanced partition per worker, so the master need not shuffle them before each averaging;
   * Direct training hands the in-memory minibatches to the workers instead of exporting them to
   * files first.
   */
  private StepCountingTrainingMaster trainingMaster(TrainOptions options, int workers,
      int averagingFrequency) {
    ParameterAveragingTrainingMaster.Builder builder =
        new ParameterAveragingTrainingMaster.Builder(workers, options.batchSize())
            .batchSizePerWorker(options.batchSize())
            .averagingFrequency(averagingFrequency)
            .workerPrefetchNumBatches(options.prefetch())
            .saveUpdater(true)
            .rddTrainingApproach(RDDTrainingApproach.Direct)
            .storageLevel(MINIBATCH_STORAGE)
            .repartionData(Repartition.Never)
            .rngSeed(options.seed())
            .trainingHooks(loss);
    return new StepCountingTrainingMaster(builder);
  }

  /** The driver's copy of the graph, holding the averaged weights and updater state. */
  public ComputationGraph graph() {
    return sparkGraph.getNetwork();
  }

  /** Fits one pass over the blocks, in an order shuffled for this epoch. */
  public EpochStats fitEpoch(JavaRDD<InteractionBlock> blocks, int epoch) {
    JavaRDD<MultiDataSet> minibatches = minibatches(blocks, minibatchesPerPartition, seed, epoch)
        .persist(MINIBATCH_STORAGE);
    loss.reset();
    long start = System.nanoTime();
    try {
      sparkGraph.fitMultiDataSet(minibatches);
    } finally {
      minibatches.unpersist(false);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long samples = loss.samples();
    return new EpochStats(epoch, loss.meanLoss(), seconds, samples, samples / seconds);
  }

  /** Static, so that the Spark closure captures the numbers and not this trainer. */
  private static JavaRDD<MultiDataSet> minibatches(JavaRDD<InteractionBlock> blocks, int count,
      long seed, int epoch) {
    return blocks.mapPartitionsWithIndex((partition, partitionBlocks) -> {
      long shuffleSeed = Minibatches.shuffleSeed(seed, epoch, partition);
      List<MultiDataSet> minibatches = new ArrayList<>();
      partitionBlocks.forEachRemaining(
          block -> minibatches.addAll(Minibatches.shuffled(block, count, shuffleSeed)));
      return minibatches.iterator();
    }, true);
  }
}
