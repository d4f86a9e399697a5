package org.ncfspark.train;

import org.apache.spark.SparkContext;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Measures the training loss of an epoch on the workers: after each minibatch it adds the
 * minibatch's mean loss, weighted by its rows, to Spark accumulators that the driver reads. The
 * training master's own score is only the last minibatch of the last averaging, too noisy to
 * follow an epoch by.
 */
public final class EpochLoss implements TrainingHook {

  private static final long serialVersionUID = 1L;

  private final DoubleAccumulator lossSum;
  private final LongAccumulator samples;

  public EpochLoss(SparkContext spark) {
    this.lossSum = spark.doubleAccumulator("ncf training loss sum");
    this.samples = spark.longAccumulator("ncf training samples");
  }

  /** Starts a new epoch's sums. */
  public void reset() {
    lossSum.reset();
    samples.reset();
  }

  /** Rows fitted since the last reset. */
  public long samples() {
    return samples.value();
  }

  /** The mean binary cross-entropy over the rows fitted since the last reset. */
  public double meanLoss() {
    long count = samples.value();
    return count == 0 ? Double.NaN : lossSum.value() / count;
  }

  @Override
  public void postUpdate(MultiDataSet minibatch, Model model) {
    record(minibatch.getFeatures(0).size(0), model);
  }

  @Override
  public void postUpdate(DataSet minibatch, Model model) {
    record(minibatch.numExamples(), model);
  }

  /** The model's score is the minibatch's mean loss, computed before the update was applied. */
  private void record(long rows, Model model) {
    lossSum.add(model.score() * rows);
    samples.add(rows);
  }

  @Override
  public void preUpdate(MultiDataSet minibatch, Model model) {}

  @Override
  public void preUpdate(DataSet minibatch, Model model) {}
}
