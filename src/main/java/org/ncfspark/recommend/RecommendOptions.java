package org.ncfspark.recommend;

import java.util.ArrayList;
import java.util.List;
import org.ncfspark.cli.UserError;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** What RecommendJob takes from the command line or the shared config file. */
public final class RecommendOptions {

  public static final String PREPARED_DIR = "--prepared-dir";
  public static final String MODEL_DIR = "--model-dir";
  public static final String RECOMMENDATIONS_DIR = "--recommendations-dir";
  public static final String TOP_N = "--top-n";
  public static final String USERS = "--users";
  public static final String OVERWRITE = "--overwrite";
  public static final String SHOW = "--show";
  public static final String HISTORY = "--history";
  public static final String SCORE_BATCH_SIZE = "--score-batch-size";

  @Option(names = PREPARED_DIR, required = true, paramLabel = "DIR",
      description = "Prepared data from PrepareJob: the catalogue (items/), users/, and the "
          + "interactions (train/, test/) whose items are never recommended again.")
  private String preparedDir;

  @Option(names = MODEL_DIR, required = true, paramLabel = "DIR",
      description = "Model from TrainJob: model.zip.")
  private String modelDir;

  @Option(names = RECOMMENDATIONS_DIR, required = true, paramLabel = "DIR",
      description = "Output: parquet/ and csv/ (userId, rank, movieId, title, score) and "
          + "recommendations.md.")
  private String recommendationsDir;

  @Option(names = TOP_N, paramLabel = "N", defaultValue = "10",
      description = "Movies recommended per user.")
  private int topN = 10;

  @Option(names = USERS, paramLabel = "USERID", split = ",",
      description = "userIds of the input to recommend for, comma-separated; all users when "
          + "absent.")
  private List<Integer> users = new ArrayList<>();

  @Option(names = OVERWRITE, defaultValue = "false", showDefaultValue = Visibility.ALWAYS,
      description = "Replace an existing output directory instead of refusing to run.")
  private boolean overwrite;

  @Option(names = SHOW, paramLabel = "USERS", defaultValue = "3",
      description = "Users shown in the readable view (stdout and recommendations.md).")
  private int show = 3;

  @Option(names = HISTORY, paramLabel = "TITLES", defaultValue = "5",
      description = "Latest watched titles shown per user in the readable view.")
  private int history = 5;

  @Option(names = SCORE_BATCH_SIZE, paramLabel = "ROWS", defaultValue = "4096",
      description = "Pairs scored per network call; also the items per block.")
  private int scoreBatchSize = 4096;

  public void validate() {
    requireAtLeast(TOP_N, topN, 1);
    requireAtLeast(SHOW, show, 0);
    requireAtLeast(HISTORY, history, 0);
    requireAtLeast(SCORE_BATCH_SIZE, scoreBatchSize, 1);
  }

  private static void requireAtLeast(String option, int value, int minimum) {
    if (value < minimum) {
      throw new UserError("option '" + option + "' must be at least " + minimum + ", got "
          + value);
    }
  }

  public String preparedDir() {
    return preparedDir;
  }

  public RecommendOptions preparedDir(String dir) {
    this.preparedDir = dir;
    return this;
  }

  public String modelDir() {
    return modelDir;
  }

  public RecommendOptions modelDir(String dir) {
    this.modelDir = dir;
    return this;
  }

  public String recommendationsDir() {
    return recommendationsDir;
  }

  public RecommendOptions recommendationsDir(String dir) {
    this.recommendationsDir = dir;
    return this;
  }

  public int topN() {
    return topN;
  }

  public RecommendOptions topN(int n) {
    this.topN = n;
    return this;
  }

  /** The requested userIds; empty means every user. */
  public List<Integer> users() {
    return List.copyOf(users);
  }

  public RecommendOptions users(Integer... userIds) {
    this.users = new ArrayList<>(List.of(userIds));
    return this;
  }

  public boolean overwrite() {
    return overwrite;
  }

  public int show() {
    return show;
  }

  public RecommendOptions show(int count) {
    this.show = count;
    return this;
  }

  public int history() {
    return history;
  }

  public int scoreBatchSize() {
    return scoreBatchSize;
  }

  public RecommendOptions scoreBatchSize(int rows) {
    this.scoreBatchSize = rows;
    return this;
  }
}
