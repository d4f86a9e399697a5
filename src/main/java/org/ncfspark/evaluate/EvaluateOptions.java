package org.ncfspark.evaluate;

import org.ncfspark.cli.UserError;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * What EvaluateJob takes from the command line or the shared config file. A plain class so that
 * tests and other code can build one without parsing arguments.
 */
public final class EvaluateOptions {

  public static final String PREPARED_DIR = "--prepared-dir";
  public static final String MODEL_DIR = "--model-dir";
  public static final String EVALUATION_DIR = "--evaluation-dir";
  public static final String K = "--k";
  public static final String OVERWRITE = "--overwrite";
  public static final String SCORE_BATCH_SIZE = "--score-batch-size";

  @Option(names = PREPARED_DIR, required = true, paramLabel = "DIR",
      description = "Prepared data from PrepareJob; its test/ holds the candidates to rank.")
  private String preparedDir;

  @Option(names = MODEL_DIR, required = true, paramLabel = "DIR",
      description = "Model from TrainJob: model.zip and, if present, model.json.")
  private String modelDir;

  @Option(names = EVALUATION_DIR, required = true, paramLabel = "DIR",
      description = "Output: metrics.json and ranks/ (Parquet, one row per user).")
  private String evaluationDir;

  @Option(names = K, paramLabel = "K", defaultValue = "10",
      description = "Cut-off of HR@K and NDCG@K.")
  private int k = 10;

  @Option(names = OVERWRITE, defaultValue = "false", showDefaultValue = Visibility.ALWAYS,
      description = "Replace an existing output directory instead of refusing to run.")
  private boolean overwrite;

  @Option(names = SCORE_BATCH_SIZE, paramLabel = "ROWS", defaultValue = "4096",
      description = "Candidates scored per network call on the executors.")
  private int scoreBatchSize = 4096;

  /** Rejects values no run could use, naming the option. */
  public void validate() {
    if (k < 1) {
      throw new UserError("option '" + K + "' must be at least 1, got " + k);
    }
    if (scoreBatchSize < 1) {
      throw new UserError(
          "option '" + SCORE_BATCH_SIZE + "' must be at least 1, got " + scoreBatchSize);
    }
  }

  public String preparedDir() {
    return preparedDir;
  }

  public EvaluateOptions preparedDir(String dir) {
    this.preparedDir = dir;
    return this;
  }

  public String modelDir() {
    return modelDir;
  }

  public EvaluateOptions modelDir(String dir) {
    this.modelDir = dir;
    return this;
  }

  public String evaluationDir() {
    return evaluationDir;
  }

  public EvaluateOptions evaluationDir(String dir) {
    this.evaluationDir = dir;
    return this;
  }

  public int k() {
    return k;
  }

  public EvaluateOptions k(int cutoff) {
    this.k = cutoff;
    return this;
  }

  public boolean overwrite() {
    return overwrite;
  }

  public EvaluateOptions overwrite(boolean replace) {
    this.overwrite = replace;
    return this;
  }

  public int scoreBatchSize() {
    return scoreBatchSize;
  }

  public EvaluateOptions scoreBatchSize(int rows) {
    this.scoreBatchSize = rows;
    return this;
  }
}
