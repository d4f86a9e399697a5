package org.ncfspark.train;

import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ncfspark.cli.UserError;
import org.ncfspark.data.ModelLayout;
import org.ncfspark.data.PreparedCheck;
import org.ncfspark.data.PreparedFacts;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.io.Json;
import org.ncfspark.io.StagedOutput;
import org.ncfspark.io.Storage;
import org.ncfspark.model.NcfArchitecture;
import org.ncfspark.model.NcfModel;
import org.ncfspark.spark.ComputeDevices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What TrainJob does: reads the prepared training rows, fits an NCF graph on them by parameter
 * averaging with a checkpoint after every epoch, and publishes model.zip and model.json under the
 * model directory, all at once or not at all.
 */
public final class Training {

  private static final Logger LOG = LoggerFactory.getLogger(Training.class);

  private Training() {}

  public static TrainedModel run(SparkSession spark, TrainOptions options) {
    options.validate();
    Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    int workers = options.workers();
    logBackend(spark, workers);

    try (StagedOutput output = StagedOutput.begin(
        storage, options.modelDir(), "--model-dir", options.overwrite())) {
      ModelLayout staged = new ModelLayout(output.path());
      Checkpoints checkpoints = new Checkpoints(storage, checkpointDir(storage, options, staged));
      if (!options.resume() && !options.overwrite()) {
        checkpoints.requireNoEarlierRun();
      }
      TrainingData data = TrainingData.load(spark, storage, options.preparedDir(), workers);
      try {
        PreparedLayout prepared = new PreparedLayout(options.preparedDir());
        PreparedCheck.check(spark, prepared,
            PreparedFacts.read(storage, prepared, "--prepared-dir"));
        TrainedModel model = train(spark, storage, options, workers, data, checkpoints, staged);
        output.commit();
        ModelLayout published = new ModelLayout(options.modelDir());
        LOG.info("Wrote {} and {}", published.model(), published.description());
        return model;
      } finally {
        data.blocks().unpersist(false);
      }
    }
  }

  private static TrainedModel train(SparkSession spark, Storage storage,
      TrainOptions options, int workers, TrainingData data, Checkpoints checkpoints,
      ModelLayout staged) {
    CheckpointState state = CheckpointState.start(options, workers, data);
    Optional<Checkpoints.Restored> restored = options.resume()
        ? checkpoints.resume(state, options.epochs()) : Optional.empty();
    if (!options.resume()) {
      checkpoints.deleteEarlierRun();
    }
    ComputationGraph graph = restored.map(Checkpoints.Restored::graph)
        .orElseGet(() -> NcfModel.build(architecture(options, data)));
    state = restored.map(Checkpoints.Restored::state).orElse(state);
    ParameterAveragingTrainer trainer = new ParameterAveragingTrainer(
        JavaSparkContext.fromSparkContext(spark.sparkContext()), graph, options, workers,
        data.largestPartition());
    trainer.continueAfter(state.epoch());
    LOG.info("Training an NCF {} of {} parameters for {} epochs: {} workers, minibatches of {}, "
        + "averaging every {} minibatches, prefetch {}", options.variant().label(),
        trainer.graph().numParams(), options.epochs(), workers, options.batchSize(),
        trainer.averagingFrequency(), options.prefetch());

    try (EpochRows rows = EpochRows.open(spark, options, data, workers)) {
      for (int epoch = state.epoch() + 1; epoch <= options.epochs(); epoch++) {
        EpochStats stats = trainer.fitEpoch(rows.forEpoch(epoch), epoch);
        state = state.after(stats);
        checkpoints.write(trainer.graph(), state);
        LOG.info("Epoch {}/{}: loss {}, {} samples in {} s, {} samples/s; checkpoint {}", epoch,
            options.epochs(), String.format("%.4f", stats.loss()), stats.samples(),
            String.format("%.1f", stats.seconds()), Math.round(stats.samplesPerSecond()),
            checkpoints.model(epoch));
      }
    }
    List<EpochStats> history = state.history();

    ModelDescription description = describe(options, workers, data, history);
    ModelFiles.write(storage, staged.model(), trainer.graph());
    storage.writeString(staged.description(), Json.write(description));
    LOG.info("Trained in {} s, {} samples/s, final loss {}",
        String.format("%.1f", description.trainingSeconds()),
        Math.round(description.samplesPerSecond()), String.format("%.4f", description.finalLoss()));
    return new TrainedModel(trainer.graph(), description);
  }

  private static NcfArchitecture architecture(TrainOptions options, TrainingData data) {
    return new NcfArchitecture(options.variant(), data.summary().users(),
        data.summary().items(), options.embeddingSize(), options.hiddenLayers(),
        options.gmfEmbeddingSize(), options.learningRate(), options.seed());
  }

  private static ModelDescription describe(TrainOptions options, int workers, TrainingData data,
      List<EpochStats> history) {
    double seconds = history.stream().mapToDouble(EpochStats::seconds).sum();
    long samples = history.stream().mapToLong(EpochStats::samples).sum();
    return new ModelDescription(
        data.summary().users(),
        data.summary().items(),
        ModelDescription.Architecture.of(options),
        ModelDescription.Hyperparameters.of(options, workers),
        history.size(),
        history,
        history.get(history.size() - 1).loss(),
        seconds,
        samples / seconds,
        data.rows(),
        data.summary().json());
  }

  /**
   * Checkpoints default to the staged model directory, so they are published with the model. A
   * directory given explicitly must lie outside the model directory, which appears only at the
   * end by a rename.
   */
  private static String checkpointDir(Storage storage, TrainOptions options, ModelLayout staged) {
    if (options.checkpointDir() == null) {
      return staged.checkpoints();
    }
    String checkpoints = qualified(storage, options.checkpointDir());
    String model = qualified(storage, options.modelDir());
    if (checkpoints.equals(model) || checkpoints.startsWith(model + "/")) {
      throw new UserError("option '--checkpoint-dir': " + options.checkpointDir()
          + " lies inside --model-dir; leave the option out to keep checkpoints there");
    }
    return options.checkpointDir();
  }

  private static String qualified(Storage storage, String path) {
    Path hadoopPath = new Path(path);
    return storage.fileSystem(path).makeQualified(hadoopPath).toString();
  }

  private static void logBackend(SparkSession spark, int workers) {
    LOG.info("Spark master {}, {} workers", spark.sparkContext().master(), workers);
    ComputeDevices.log(spark);
  }
}
