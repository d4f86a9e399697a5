package org.ncfspark.evaluate;

import java.util.ArrayList;
import java.util.List;
import org.ncfspark.baseline.AlsSettings;
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
  public static final String BOOTSTRAP_SAMPLES = "--bootstrap-samples";
  public static final String SEED = "--seed";
  public static final String BASELINES = "--baselines";
  public static final String FULL_RANKING_USERS = "--full-ranking-users";
  public static final String ALS_RANK = "--als-rank";
  public static final String ALS_REG = "--als-reg";
  public static final String ALS_ALPHA = "--als-alpha";
  public static final String ALS_ITERATIONS = "--als-iterations";

  /** Baseline names --baselines accepts, in the order they are reported. */
  public static final List<String> ALL_BASELINES = List.of("random", "popularity", "als");
  public static final String NO_BASELINES = "none";

  /** Above this many scores per model, --full-ranking-users 0 ranks a subset instead of all. */
  public static final long FULL_RANKING_AUTO_SCORES = 50_000_000L;

  @Option(names = PREPARED_DIR, required = true, paramLabel = "DIR",
      description = "Prepared data from PrepareJob: test/ holds the candidates to rank, train/ "
          + "the positives the baselines learn from and the unsampled ranking excludes.")
  private String preparedDir;

  @Option(names = MODEL_DIR, required = true, paramLabel = "DIR", split = ",",
      description = "Models from TrainJob, comma-separated, each a directory with model.zip "
          + "and, if present, model.json; each is reported as ncf-VARIANT (ncf-mlp, ncf-gmf, "
          + "ncf-neumf), numbered when two share a variant.")
  private List<String> modelDirs = new ArrayList<>();

  @Option(names = EVALUATION_DIR, required = true, paramLabel = "DIR",
      description = "Output: metrics.json, report.md, hr_at_k.png and ranks/ (Parquet, one row "
          + "per model, protocol and user).")
  private String evaluationDir;

  @Option(names = K, paramLabel = "K", split = ",", defaultValue = "1,5,10,20",
      description = "Cut-offs of HR@K and NDCG@K, comma-separated.")
  private List<Integer> k = new ArrayList<>(List.of(1, 5, 10, 20));

  @Option(names = OVERWRITE, defaultValue = "false", showDefaultValue = Visibility.ALWAYS,
      description = "Replace an existing output directory instead of refusing to run.")
  private boolean overwrite;

  @Option(names = SCORE_BATCH_SIZE, paramLabel = "ROWS", defaultValue = "4096",
      description = "Pairs scored per network call on the executors; also the items per block "
          + "of the unsampled ranking.")
  private int scoreBatchSize = 4096;

  @Option(names = BOOTSTRAP_SAMPLES, paramLabel = "B", defaultValue = "1000",
      description = "Bootstrap replicates behind each 95%% interval (Poisson bootstrap over "
          + "users).")
  private int bootstrapSamples = 1000;

  @Option(names = SEED, paramLabel = "SEED", defaultValue = "42",
      description = "Seed of the bootstrap, the random baseline, ALS and the unsampled user "
          + "subset.")
  private long seed = 42;

  @Option(names = BASELINES, paramLabel = "NAME", split = ",",
      defaultValue = "random,popularity,als",
      description = "Baselines scored beside the model, comma-separated: random, popularity, "
          + "als; or none.")
  private List<String> baselines = new ArrayList<>(ALL_BASELINES);

  @Option(names = FULL_RANKING_USERS, paramLabel = "N", defaultValue = "0",
      description = "Users ranked against the whole unseen catalogue, a seeded random subset. "
          + "0: all users, or a subset of " + FULL_RANKING_AUTO_SCORES + " / items users when "
          + "all would need more scores than that.")
  private long fullRankingUsers;

  @Option(names = ALS_RANK, paramLabel = "RANK", defaultValue = "64",
      description = "Factors per user and item of the ALS baseline.")
  private int alsRank = 64;

  @Option(names = ALS_REG, paramLabel = "LAMBDA", defaultValue = "0.1",
      description = "L2 regularisation of the ALS baseline.")
  private double alsReg = 0.1;

  @Option(names = ALS_ALPHA, paramLabel = "ALPHA", defaultValue = "10",
      description = "Confidence of an observed positive in the implicit ALS baseline.")
  private double alsAlpha = 10;

  @Option(names = ALS_ITERATIONS, paramLabel = "N", defaultValue = "10",
      description = "Alternating sweeps of the ALS baseline.")
  private int alsIterations = 10;

  /** Rejects values no run could use, naming the option. */
  public void validate() {
    if (k.isEmpty() || k.stream().anyMatch(cutoff -> cutoff == null || cutoff < 1)) {
      throw new UserError("option '" + K + "' must list cut-offs of at least 1, got " + k);
    }
    if (modelDirs.isEmpty() || modelDirs.stream().anyMatch(dir -> dir == null || dir.isBlank())) {
      throw new UserError("option '" + MODEL_DIR + "' must name one or more model directories, "
          + "comma-separated, got " + modelDirs);
    }
    requireAtLeast(SCORE_BATCH_SIZE, scoreBatchSize, 1);
    requireAtLeast(BOOTSTRAP_SAMPLES, bootstrapSamples, 1);
    requireAtLeast(FULL_RANKING_USERS, fullRankingUsers, 0);
    requireAtLeast(ALS_RANK, alsRank, 1);
    requireAtLeast(ALS_ITERATIONS, alsIterations, 1);
    if (alsReg < 0 || alsAlpha < 0) {
      throw new UserError("options '" + ALS_REG + "' and '" + ALS_ALPHA + "' must be >= 0, got "
          + alsReg + " and " + alsAlpha);
    }
    baselines();
  }

  private static void requireAtLeast(String option, long value, long minimum) {
    if (value < minimum) {
      throw new UserError("option '" + option + "' must be at least " + minimum + ", got "
          + value);
    }
  }

  public String preparedDir() {
    return preparedDir;
  }

  public EvaluateOptions preparedDir(String dir) {
    this.preparedDir = dir;
    return this;
  }

  public List<String> modelDirs() {
    return List.copyOf(modelDirs);
  }

  public EvaluateOptions modelDirs(String... dirs) {
    this.modelDirs = new ArrayList<>(List.of(dirs));
    return this;
  }

  public String evaluationDir() {
    return evaluationDir;
  }

  public EvaluateOptions evaluationDir(String dir) {
    this.evaluationDir = dir;
    return this;
  }

  public List<Integer> k() {
    return List.copyOf(k);
  }

  public EvaluateOptions k(Integer... cutoffs) {
    this.k = new ArrayList<>(List.of(cutoffs));
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

  public int bootstrapSamples() {
    return bootstrapSamples;
  }

  public EvaluateOptions bootstrapSamples(int samples) {
    this.bootstrapSamples = samples;
    return this;
  }

  public long seed() {
    return seed;
  }

  public EvaluateOptions seed(long value) {
    this.seed = value;
    return this;
  }

  /** The chosen baselines, checked and in the report's order; empty for none. */
  public List<String> baselines() {
    List<String> chosen = new ArrayList<>();
    for (String name : baselines) {
      String trimmed = name.trim();
      if (trimmed.equals(NO_BASELINES) && baselines.size() == 1) {
        return List.of();
      }
      if (!ALL_BASELINES.contains(trimmed)) {
        throw new UserError("option '" + BASELINES + "': unknown baseline '" + trimmed
            + "'; expected some of " + ALL_BASELINES + " or " + NO_BASELINES);
      }
      chosen.add(trimmed);
    }
    return ALL_BASELINES.stream().filter(chosen::contains).toList();
  }

  public EvaluateOptions baselines(String... names) {
    this.baselines = new ArrayList<>(List.of(names));
    return this;
  }

  public long fullRankingUsers() {
    return fullRankingUsers;
  }

  public EvaluateOptions fullRankingUsers(long users) {
    this.fullRankingUsers = users;
    return this;
  }

  public AlsSettings als() {
    return new AlsSettings(alsRank, alsReg, alsAlpha, alsIterations, seed);
  }

  public EvaluateOptions als(int rank, double reg, double alpha, int iterations) {
    this.alsRank = rank;
    this.alsReg = reg;
    this.alsAlpha = alpha;
    this.alsIterations = iterations;
    return this;
  }
}
