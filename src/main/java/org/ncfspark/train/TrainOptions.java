package org.ncfspark.train;

import java.util.ArrayList;
import java.util.List;
import org.ncfspark.cli.UserError;
import org.ncfspark.model.NcfVariant;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * Everything TrainJob can be told. The job mixes these options into its command; tests build an
 * instance directly and set what they need through the fluent setters.
 */
public final class TrainOptions {

  @Option(names = "--prepared-dir", required = true, paramLabel = "DIR",
      description = "Prepared data written by PrepareJob (train/ Parquet and summary.json).")
  private String preparedDir;

  @Option(names = "--model-dir", required = true, paramLabel = "DIR",
      description = "Where to write model.zip, model.json and checkpoints/.")
  private String modelDir;

  @Option(names = "--overwrite", showDefaultValue = Visibility.ALWAYS,
      description = "Replace an existing --model-dir once the new model is complete; "
          + "without --resume, also delete an earlier run's checkpoints in --checkpoint-dir "
          + "instead of refusing to start.")
  private boolean overwrite;

  @Option(names = "--variant", paramLabel = "mlp|gmf|neumf",
      description = "NCF network: mlp (the notebook's: embeddings concatenated through ReLU "
          + "layers), gmf (the element-wise product of the embeddings) or neumf (both branches "
          + "side by side, each with its own embeddings).")
  private NcfVariant variant = NcfVariant.MLP;

  @Option(names = "--embedding-size", paramLabel = "N",
      description = "Size of the MLP branch's user embedding and of its item embedding.")
  private int embeddingSize = 8;

  @Option(names = "--hidden-layers", split = ",", paramLabel = "SIZES",
      description = "Sizes of the MLP branch's ReLU layers, from the embeddings on.")
  private List<Integer> hiddenLayers = new ArrayList<>(List.of(64, 32));

  @Option(names = "--gmf-embedding-size", paramLabel = "N",
      description = "Size of the GMF branch's user embedding and of its item embedding (gmf and "
          + "neumf).")
  private int gmfEmbeddingSize = 8;

  @Option(names = "--resample-negatives", showDefaultValue = Visibility.ALWAYS,
      description = "Draw fresh training negatives on the executors before every epoch after "
          + "the first, by PrepareJob's rules (never a positive of the user, in training or "
          + "test) and as many per positive; off, every epoch reuses PrepareJob's negatives, as "
          + "the notebook did.")
  private boolean resampleNegatives;

  @Option(names = "--learning-rate", paramLabel = "RATE", description = "Adam's step size.")
  private double learningRate = 1e-3;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "Training rows per minibatch, on each worker.")
  private int batchSize = 512;

  @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training rows.")
  private int epochs = 5;

  @Option(names = "--seed", paramLabel = "N",
      description = "Seed of the weight initialisation, the shuffles and the training master.")
  private long seed = 42;

  @Option(names = "--workers", paramLabel = "N",
      description = "Model copies trained in parallel, each on its share of the rows, and "
          + "averaged every --averaging-frequency minibatches. Averaging W copies that each "
          + "took a step moves the model about one step, so an epoch learns about 1/W as much "
          + "unless --learning-rate grows with W: on the MovieLens sample (5 epochs), 2 workers "
          + "reached HR@10 0.566 at 0.001 and 0.585 at 0.002, 1 worker 0.590 at 0.001.")
  private int workers = 1;

  @Option(names = "--averaging-frequency", paramLabel = "N",
      description = "Minibatches each worker fits between two parameter averagings. One "
          + "worker has nothing to average with and fits each epoch in one round.")
  private int averagingFrequency = 100;

  @Option(names = "--prefetch", paramLabel = "N",
      description = "Minibatches each worker prepares ahead on a second thread (0: none; the "
          + "minibatches are already in memory).")
  private int prefetch = 0;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR",
      description = "Where each epoch's model goes. Default: checkpoints/ inside --model-dir, "
          + "published with the model and deleted with the staged model when a run fails; "
          + "name a directory outside it to keep the checkpoints of a run that fails and "
          + "--resume from them.")
  private String checkpointDir;

  @Option(names = "--resume", showDefaultValue = Visibility.ALWAYS,
      description = "Continue from the latest complete epoch in --checkpoint-dir (required), "
          + "with its weights, Adam state and step count; with 1 or 2 workers the model is "
          + "then the one an uninterrupted run gives, bit for bit. The checkpoint must come "
          + "from the same prepared data and settings "
          + "(only --epochs and --prefetch may change), or the job refuses it. With no "
          + "checkpoint there the run starts from the first epoch, so a retry may always "
          + "pass --resume.")
  private boolean resume;

  /** Checks the values that picocli's types cannot, naming the option at fault. */
  public TrainOptions validate() {
    requireSet(preparedDir, "--prepared-dir");
    requireSet(modelDir, "--model-dir");
    if (variant == null) {
      throw new UserError("option '--variant': expected mlp, gmf or neumf");
    }
    requirePositive(embeddingSize, "--embedding-size");
    requirePositive(gmfEmbeddingSize, "--gmf-embedding-size");
    if (hiddenLayers.isEmpty() || hiddenLayers.stream().anyMatch(size -> size <= 0)) {
      throw new UserError("option '--hidden-layers': expected positive sizes separated by "
          + "commas, got " + hiddenLayers);
    }
    if (!(learningRate > 0)) {
      throw new UserError("option '--learning-rate': must be positive, got " + learningRate);
    }
    requirePositive(batchSize, "--batch-size");
    requirePositive(epochs, "--epochs");
    requirePositive(workers, "--workers");
    requirePositive(averagingFrequency, "--averaging-frequency");
    if (resume && (checkpointDir == null || checkpointDir.isBlank())) {
      throw new UserError("option '--resume': needs --checkpoint-dir; the default checkpoints "
          + "inside the staged --model-dir are deleted when a run fails");
    }
    if (prefetch < 0) {
      throw new UserError("option '--prefetch': must be 0 or more, got " + prefetch);
    }
    return this;
  }

  private static void requireSet(String value, String option) {
    if (value == null || value.isBlank()) {
      throw new UserError("option '" + option + "': a directory is required");
    }
  }

  private static void requirePositive(int value, String option) {
    if (value <= 0) {
      throw new UserError("option '" + option + "': must be positive, got " + value);
    }
  }

  public String preparedDir() {
    return preparedDir;
  }

  public TrainOptions preparedDir(String dir) {
    this.preparedDir = dir;
    return this;
  }

  public String modelDir() {
    return modelDir;
  }

  public TrainOptions modelDir(String dir) {
    this.modelDir = dir;
    return this;
  }

  public boolean overwrite() {
    return overwrite;
  }

  public TrainOptions overwrite(boolean replace) {
    this.overwrite = replace;
    return this;
  }

  public NcfVariant variant() {
    return variant;
  }

  public TrainOptions variant(NcfVariant network) {
    this.variant = network;
    return this;
  }

  public int gmfEmbeddingSize() {
    return gmfEmbeddingSize;
  }

  public TrainOptions gmfEmbeddingSize(int size) {
    this.gmfEmbeddingSize = size;
    return this;
  }

  public boolean resampleNegatives() {
    return resampleNegatives;
  }

  public TrainOptions resampleNegatives(boolean resample) {
    this.resampleNegatives = resample;
    return this;
  }

  public int embeddingSize() {
    return embeddingSize;
  }

  public TrainOptions embeddingSize(int size) {
    this.embeddingSize = size;
    return this;
  }

  public List<Integer> hiddenLayers() {
    return List.copyOf(hiddenLayers);
  }

  public TrainOptions hiddenLayers(List<Integer> sizes) {
    this.hiddenLayers = new ArrayList<>(sizes);
    return this;
  }

  public double learningRate() {
    return learningRate;
  }

  public TrainOptions learningRate(double rate) {
    this.learningRate = rate;
    return this;
  }

  public int batchSize() {
    return batchSize;
  }

  public TrainOptions batchSize(int size) {
    this.batchSize = size;
    return this;
  }

  public int epochs() {
    return epochs;
  }

  public TrainOptions epochs(int count) {
    this.epochs = count;
    return this;
  }

  public long seed() {
    return seed;
  }

  public TrainOptions seed(long value) {
    this.seed = value;
    return this;
  }

  public int workers() {
    return workers;
  }

  public TrainOptions workers(int count) {
    this.workers = count;
    return this;
  }

  public int averagingFrequency() {
    return averagingFrequency;
  }

  public TrainOptions averagingFrequency(int minibatches) {
    this.averagingFrequency = minibatches;
    return this;
  }

  public int prefetch() {
    return prefetch;
  }

  public TrainOptions prefetch(int minibatches) {
    this.prefetch = minibatches;
    return this;
  }

  /** The checkpoint directory asked for, or null for checkpoints/ inside the model directory. */
  public String checkpointDir() {
    return checkpointDir;
  }

  public TrainOptions checkpointDir(String dir) {
    this.checkpointDir = dir;
    return this;
  }

  public boolean resume() {
    return resume;
  }

  public TrainOptions resume(boolean fromCheckpoint) {
    this.resume = fromCheckpoint;
    return this;
  }
}
