package org.ncfspark.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ncfspark.baseline.AlsScores;
import org.ncfspark.baseline.PopularityScores;
import org.ncfspark.baseline.RandomScores;
import org.ncfspark.cli.UserError;
import org.ncfspark.data.Columns;
import org.ncfspark.data.ModelLayout;
import org.ncfspark.data.PreparedCheck;
import org.ncfspark.data.PreparedFacts;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.evaluate.EvaluationMetrics.ModelMetrics;
import org.ncfspark.evaluate.EvaluationMetrics.Throughput;
import org.ncfspark.evaluate.EvaluationMetrics.TrainedSource;
import org.ncfspark.io.Json;
import org.ncfspark.io.StagedOutput;
import org.ncfspark.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates trained models and the chosen baselines under two protocols, each model through
 * the same code: the sampled one (the positive among its test candidates) and the unsampled one
 * (the positive against every catalogue item the user has no training positive for). Writes
 * metrics.json, report.md, hr_at_k.png and ranks/ under the evaluation directory, all or
 * nothing.
 */
public final class Evaluation {

  public static final String METRICS_FILE = "metrics.json";
  public static final String REPORT_FILE = "report.md";
  public static final String CHART_FILE = "hr_at_k.png";
  public static final String RANKS_DIR = "ranks";
  public static final String SAMPLED = "sampled";
  public static final String UNSAMPLED = "unsampled";

  static final String TIE_RULE = "a negative scoring at least as high as the positive ranks "
      + "above it (rank = 1 + negatives at or above; AUC counts only negatives strictly below)";
  static final String UNSAMPLED_CANDIDATES =
      "every catalogue item the user has no training positive for";

  private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);
  private static final int PREFERRED_REPORT_K = 10;

  private final SparkSession spark;
  private final Storage storage;

  public Evaluation(SparkSession spark) {
    this.spark = spark;
    this.storage = new Storage(spark.sparkContext().hadoopConfiguration());
  }

  public EvaluationMetrics run(EvaluateOptions options) {
    options.validate();
    PreparedLayout prepared = new PreparedLayout(options.preparedDir());
    requireExists(prepared.test(), EvaluateOptions.PREPARED_DIR, "PrepareJob");
    requireExists(prepared.train(), EvaluateOptions.PREPARED_DIR, "PrepareJob");
    for (String dir : options.modelDirs()) {
      requireExists(new ModelLayout(dir).model(), EvaluateOptions.MODEL_DIR, "TrainJob");
    }

    try (StagedOutput output = StagedOutput.begin(storage, options.evaluationDir(),
        EvaluateOptions.EVALUATION_DIR, options.overwrite())) {
      EvaluationMetrics metrics = evaluate(options, prepared, output);
      storage.writeString(output.resolve(METRICS_FILE), Json.write(metrics));
      storage.writeString(output.resolve(REPORT_FILE), EvaluationReport.markdown(metrics));
      writeChart(metrics, output.resolve(CHART_FILE));
      output.commit();
      LOG.info("Evaluated {} models; wrote {}", metrics.models().size(),
          options.evaluationDir());
      return metrics;
    }
  }

  private EvaluationMetrics evaluate(EvaluateOptions options, PreparedLayout prepared,
      StagedOutput output) {
    Dataset<Row> test = spark.read().parquet(prepared.test());
    CandidateSummary candidates = CandidateCheck.check(test, prepared.test());
    LOG.info("Read {} test candidates for {} users ({} each) from {}", candidates.rows(),
        candidates.users(), candidates.candidatesPerUser(), prepared.test());
    PreparedFacts facts = PreparedFacts.read(storage, prepared, EvaluateOptions.PREPARED_DIR);
    PreparedCheck.check(spark, prepared, facts);
    Dataset<Row> train = spark.read().parquet(prepared.train());
    Map<String, StoredModel> trained = loadTrained(options, candidates, prepared);

    Protocols protocols = new Protocols(options, candidates, facts, train, test);
    Map<String, ModelMetrics> results = new LinkedHashMap<>();
    Map<String, TrainedSource> sources = new LinkedHashMap<>();
    for (Map.Entry<String, StoredModel> model : trained.entrySet()) {
      StoredModel stored = model.getValue();
      try (ScoringModel scorer = CandidateScorer.broadcast(spark, model.getKey(), stored.zip(),
          options.scoreBatchSize())) {
        results.put(model.getKey(), protocols.measure(scorer, output.resolve(RANKS_DIR),
            prepared));
      }
      sources.put(model.getKey(), new TrainedSource(stored.dir(), stored.variant().label(),
          stored.facts()));
    }
    for (String name : options.baselines()) {
      try (ScoringModel model = openBaseline(name, train, facts, options)) {
        results.put(name, protocols.measure(model, output.resolve(RANKS_DIR), prepared));
      }
    }
    protocols.release();

    EvaluationMetrics.Protocol protocol = new EvaluationMetrics.Protocol(
        new MetricSet(options.k()).cutoffs(), reportK(options.k()), candidates.users(),
        candidates.candidatesPerUser(), protocols.fullUsers, facts.items(),
        UNSAMPLED_CANDIDATES, TIE_RULE, Bootstrap.METHOD, options.bootstrapSamples(),
        options.seed(), options.baselines().contains(AlsScores.NAME) ? options.als() : null);
    return new EvaluationMetrics(protocol, options.preparedDir(), sources, results);
  }

  /**
   * Every model of --model-dir, checked against the candidates before any scoring, by name:
   * ncf-VARIANT, with -2, -3... when several share a variant.
   */
  private Map<String, StoredModel> loadTrained(EvaluateOptions options,
      CandidateSummary candidates, PreparedLayout prepared) {
    Map<String, StoredModel> trained = new LinkedHashMap<>();
    for (String dir : options.modelDirs()) {
      StoredModel stored = StoredModel.load(storage, new ModelLayout(dir),
          EvaluateOptions.MODEL_DIR);
      stored.requireCovers(candidates, prepared.test());
      String base = CandidateScorer.NAME + "-" + stored.variant().label();
      String name = base;
      for (int copy = 2; trained.containsKey(name); copy++) {
        name = base + "-" + copy;
      }
      trained.put(name, stored);
    }
    return trained;
  }

  private ScoringModel openBaseline(String name, Dataset<Row> train, PreparedFacts facts,
      EvaluateOptions options) {
    int batch = options.scoreBatchSize();
    return switch (name) {
      case RandomScores.NAME -> new RandomScores(options.seed(), batch);
      case PopularityScores.NAME -> PopularityScores.fit(spark, train, facts.items(), batch);
      case AlsScores.NAME -> AlsScores.fit(spark, train, facts.items(), options.als(), batch);
      default -> throw new IllegalArgumentException("no baseline named " + name);
    };
  }

  /** 10 when it is one of the cut-offs, as most NCF results are quoted at 10; else the largest. */
  static int reportK(List<Integer> cutoffs) {
    return cutoffs.contains(PREFERRED_REPORT_K)
        ? PREFERRED_REPORT_K
        : cutoffs.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  private void writeChart(EvaluationMetrics metrics, String path) {
    Map<String, List<Double>> curves = new LinkedHashMap<>();
    metrics.models().forEach((name, model) -> curves.put(name, model.sampled().hrCurve()));
    byte[] png = HitRateChart.png(curves, metrics.protocol().candidatesPerUser());
    try (var out = storage.create(path)) {
      out.write(png);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + path, e);
    }
  }

  private void requireExists(String path, String option, String producer) {
    if (!storage.exists(path)) {
      throw new UserError("option '" + option + "': " + path + " does not exist; " + producer
          + " writes it");
    }
  }

  /** What every model is measured on: the same candidates, users, metrics and bootstrap. */
  private final class Protocols {

    private final EvaluateOptions options;
    private final Dataset<Row> test;
    private final MetricSet metrics;
    private final Bootstrap bootstrap;
    private final Dataset<Row> fullRankingUsers;
    private final long fullUsers;
    private final UserItemBlocks blocks;

    Protocols(EvaluateOptions options, CandidateSummary candidates, PreparedFacts facts,
        Dataset<Row> train, Dataset<Row> test) {
      this.options = options;
      this.test = test.select(Columns.USER, Columns.ITEM, Columns.LABEL);
      this.metrics = new MetricSet(options.k());
      this.bootstrap = new Bootstrap(options.bootstrapSamples(), options.seed());
      long limit = fullRankingLimit(options.fullRankingUsers(), candidates.users(), facts.items());
      this.fullRankingUsers = FullRanking.users(train, test, limit, options.seed())
          .persist(StorageLevel.MEMORY_AND_DISK());
      this.fullUsers = fullRankingUsers.count();
      this.blocks = new UserItemBlocks(facts.items(), options.scoreBatchSize());
      LOG.info("Unsampled ranking: {} of {} users against up to {} items each, in {} item "
          + "blocks", fullUsers, candidates.users(), facts.items(), blocks.blocks());
    }

    ModelMetrics measure(ScoringModel model, String ranksDir, PreparedLayout prepared) {
      String sampledPath = ranksPath(ranksDir, SAMPLED, model.name());
      long start = System.nanoTime();
      write(UserRanks.compute(PairScoring.score(test, model)), sampledPath, prepared);
      ProtocolMetrics sampled = summarize(sampledPath);
      LOG.info(String.format(Locale.ROOT, "%s sampled: %s in %.1f s", model.name(),
          headline(sampled), seconds(start)));

      String unsampledPath = ranksPath(ranksDir, UNSAMPLED, model.name());
      start = System.nanoTime();
      write(FullRanking.ranks(spark, fullRankingUsers, fullUsers, model, blocks), unsampledPath,
          prepared);
      double took = seconds(start);
      ProtocolMetrics unsampled = summarize(unsampledPath);
      Throughput throughput = throughput(unsampledPath, took);
      LOG.info(String.format(Locale.ROOT, "%s unsampled: %s; %d scores in %.1f s (%.0f "
          + "scores/s)", model.name(), headline(unsampled), throughput.scores(),
          throughput.seconds(), throughput.scoresPerSecond()));
      return new ModelMetrics(sampled, unsampled, throughput);
    }

    void release() {
      fullRankingUsers.unpersist();
    }

    private ProtocolMetrics summarize(String path) {
      return MetricSummary.summarize(spark.read().parquet(path), metrics, bootstrap);
    }

    private String headline(ProtocolMetrics result) {
      int k = reportK(options.k());
      return String.format(Locale.ROOT, "HR@%d = %.4f, NDCG@%d = %.4f, MRR = %.4f over %d users",
          k, result.metric(MetricSet.hr(k)).value(), k, result.metric(MetricSet.ndcg(k)).value(),
          result.metric(MetricSet.MRR).value(), result.users());
    }

    /** Scores computed by the unsampled ranking: each user's positive and its negatives. */
    private Throughput throughput(String path, double took) {
      Row totals = spark.read().parquet(path).agg(sum(Columns.NEGATIVES)).first();
      long scores = (totals.isNullAt(0) ? 0 : totals.getLong(0)) + fullUsers;
      return new Throughput(scores, took, scores / Math.max(took, 1e-9));
    }

    private void write(Dataset<Row> ranks, String path, PreparedLayout prepared) {
      withUserIds(ranks, prepared).write().parquet(path);
    }
  }

  /** Each model and protocol in its own partition directory, so ranks/ reads as one table. */
  private static String ranksPath(String ranksDir, String protocol, String model) {
    return ranksDir + "/protocol=" + protocol + "/" + Columns.MODEL + "=" + model;
  }

  /** 0 means all users, unless ranking them all would exceed the automatic budget. */
  static long fullRankingLimit(long requested, long users, int items) {
    if (requested > 0) {
      return requested;
    }
    long affordable = Math.max(1, EvaluateOptions.FULL_RANKING_AUTO_SCORES / items);
    if (users > affordable) {
      LOG.warn("Ranking all {} users against {} items would take {} scores per model; ranking "
          + "a seeded subset of {} users (set {} to choose)", users, items, users * items,
          affordable, EvaluateOptions.FULL_RANKING_USERS);
      return affordable;
    }
    return 0;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Adds the input's userId beside each dense user index, when PrepareJob wrote users/. */
  private Dataset<Row> withUserIds(Dataset<Row> ranks, PreparedLayout prepared) {
    if (!storage.exists(prepared.users())) {
      return ranks;
    }
    Dataset<Row> users = spark.read().parquet(prepared.users())
        .select(Columns.USER, Columns.USER_ID);
    return ranks
        .join(users, ranks.col(Columns.USER).equalTo(users.col(Columns.USER)), "left")
        .select(ranks.col(Columns.USER), col(Columns.USER_ID), col(Columns.RANK),
            col(Columns.NEGATIVES));
  }
}
