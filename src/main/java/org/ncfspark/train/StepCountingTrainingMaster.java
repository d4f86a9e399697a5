package org.ncfspark.train;

import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * DL4J's parameter averaging, with the workers' step count carried over from the driver.
 *
 * <p>DL4J 1.0.0-M2 builds each worker's graph from a clone of the driver's configuration, and the
 * clone drops the iteration count. Adam then corrects its moment estimates as if every averaging
 * round were the start of training: with 25 minibatches a round, each step was 0.17 to 0.32 of
 * the learning rate, and the sample's loss barely left its starting level in 5 epochs. Workers
 * built here start from the driver's iteration and epoch counts, as a local fit would.
 */
final class StepCountingTrainingMaster extends ParameterAveragingTrainingMaster {

  StepCountingTrainingMaster(Builder builder) {
    super(builder);
  }

  /**
   * Draws the split seeds of the epochs a resumed run skips. Each fit draws one seed from the
   * master's generator to deal the minibatches into averaging rounds, so a master built for a
   * run resumed after epoch k must first draw k seeds to deal epoch k + 1 as an uninterrupted
   * run would.
   */
  void skipEpochs(int epochs) {
    for (int epoch = 0; epoch < epochs; epoch++) {
      rng.nextLong();
    }
  }

  @Override
  public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph sparkGraph) {
    ComputationGraph driver = sparkGraph.getNetwork();
    NetBroadcastTuple state = new NetBroadcastTuple(driver.getConfiguration(), driver.params(),
        driver.getUpdater().getStateViewArray());
    Broadcast<NetBroadcastTuple> broadcast = sparkGraph.getSparkContext().broadcast(state);
    WorkerConfiguration configuration = new WorkerConfiguration(true, rddDataSetNumExamples,
        batchSizePerWorker, averagingFrequency, prefetchNumBatches, collectTrainingStats);
    return new Worker(broadcast, saveUpdater, configuration, trainingHookList, this);
  }

  /** A worker whose graph continues the driver's step count. */
  private static final class Worker extends ParameterAveragingTrainingWorker {

    private static final long serialVersionUID = 1L;

    private final Broadcast<NetBroadcastTuple> state;

    Worker(Broadcast<NetBroadcastTuple> state, boolean saveUpdater,
        WorkerConfiguration configuration, java.util.Collection<TrainingHook> hooks,
        StepCountingTrainingMaster master) {
      super(state, saveUpdater, configuration, hooks, master.listeners,
          master.getRouterProvider());
      this.state = state;
    }

    @Override
    public ComputationGraph getInitialModelGraph() {
      ComputationGraph graph = super.getInitialModelGraph();
      ComputationGraphConfiguration driver = state.getValue().getGraphConfiguration();
      graph.getConfiguration().setIterationCount(driver.getIterationCount());
      graph.getConfiguration().setEpochCount(driver.getEpochCount());
      return graph;
    }
  }
}
