package org.ncfspark.evaluate;

import static org.apache.spark.sql.functions.col;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ncfspark.cli.UserError;
import org.ncfspark.data.Columns;
import org.ncfspark.data.ModelLayout;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.evaluate.UserRanks.RankSummary;
import org.ncfspark.io.Json;
import org.ncfspark.io.StagedOutput;
import org.ncfspark.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a trained model on the prepared test candidates: checks them, scores them on the
 * executors, ranks each user's positive and writes metrics.json and ranks/ under the evaluation
 * directory, all or nothing.
 */
public final class Evaluation {

  public static final String METRICS_FILE = "metrics.json";
  public static final String RANKS_DIR = "ranks";

  private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

  private final SparkSession spark;
  private final Storage storage;

  public Evaluation(SparkSession spark) {
    this.spark = spark;
    this.storage = new Storage(spark.sparkContext().hadoopConfiguration());
  }

  public EvaluationMetrics run(EvaluateOptions options) {
    options.validate();
    PreparedLayout prepared = new PreparedLayout(options.preparedDir());
    ModelLayout modelLayout = new ModelLayout(options.modelDir());
    requireExists(prepared.test(), EvaluateOptions.PREPARED_DIR, "PrepareJob");
    requireExists(modelLayout.model(), EvaluateOptions.MODEL_DIR, "TrainJob");

    try (StagedOutput output = StagedOutput.begin(storage, options.evaluationDir(),
        EvaluateOptions.EVALUATION_DIR, options.overwrite())) {
      Dataset<Row> test = spark.read().parquet(prepared.test());
      CandidateSummary candidates = CandidateCheck.check(test, prepared.test());
      LOG.info("Read {} test candidates for {} users ({} each) from {}", candidates.rows(),
          candidates.users(), candidates.candidatesPerUser(), prepared.test());

      StoredModel model = StoredModel.load(storage, modelLayout, EvaluateOptions.MODEL_DIR);
      model.requireCovers(candidates, prepared.test());
      writeRanks(test, model, options, prepared, output.resolve(RANKS_DIR), candidates);

      RankSummary summary = UserRanks.summarize(spark.read().parquet(output.resolve(RANKS_DIR)));
      if (summary.users() != candidates.users()) {
        throw new IllegalStateException("ranked " + summary.users() + " users but the test data "
            + "has " + candidates.users());
      }
      EvaluationMetrics metrics = new EvaluationMetrics(options.k(), summary.hr(),
          summary.ndcg(), summary.users(), candidates.candidatesPerUser(), options.modelDir(),
          options.preparedDir(), model.facts());
      storage.writeString(output.resolve(METRICS_FILE), Json.write(metrics));
      output.commit();
      LOG.info("{}; wrote {}", metrics.summaryLine(), options.evaluationDir());
      return metrics;
    }
  }

  private void writeRanks(Dataset<Row> test, StoredModel model, EvaluateOptions options,
      PreparedLayout prepared, String target, CandidateSummary candidates) {
    long start = System.nanoTime();
    try (CandidateScorer scorer =
        CandidateScorer.broadcast(spark, model.zip(), options.scoreBatchSize())) {
      Dataset<Row> candidatesToScore = test.select(Columns.USER, Columns.ITEM, Columns.LABEL);
      Dataset<Row> ranks = UserRanks.compute(scorer.score(candidatesToScore), options.k());
      withUserIds(ranks, prepared)
          .orderBy(Columns.USER)
          .write()
          .parquet(target);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info(String.format(Locale.ROOT, "Scored and ranked %d candidates in %.1f s (%.0f/s)",
        candidates.rows(), seconds, candidates.rows() / seconds));
  }

  /** Adds the input's userId beside each dense user index, when PrepareJob wrote users/. */
  private Dataset<Row> withUserIds(Dataset<Row> ranks, PreparedLayout prepared) {
    if (!storage.exists(prepared.users())) {
      LOG.info("No {}; ranks/ will have no {} column", prepared.users(), Columns.USER_ID);
      return ranks;
    }
    Dataset<Row> users = spark.read().parquet(prepared.users())
        .select(Columns.USER, Columns.USER_ID);
    return ranks
        .join(users, ranks.col(Columns.USER).equalTo(users.col(Columns.USER)), "left")
        .select(ranks.col(Columns.USER), col(Columns.USER_ID), col(Columns.RANK),
            col(UserRanks.HIT), col(UserRanks.NDCG));
  }

  private void requireExists(String path, String option, String producer) {
    if (!storage.exists(path)) {
      throw new UserError("option '" + option + "': " + path + " does not exist; " + producer
          + " writes it");
    }
  }
}
