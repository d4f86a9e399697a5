package org.ncfspark.recommend;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.ncfspark.cli.UserError;
import org.ncfspark.data.Columns;
import org.ncfspark.data.ModelLayout;
import org.ncfspark.data.PreparedFacts;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.evaluate.CandidateScorer;
import org.ncfspark.evaluate.StoredModel;
import org.ncfspark.evaluate.UserItemBlocks;
import org.ncfspark.io.StagedOutput;
import org.ncfspark.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recommends each user's top N catalogue movies with a trained model, never one the user has
 * interacted with (a training positive or the test positive). Users are scored against the
 * catalogue in user x item blocks on the executors, which keep only the best N per block; the
 * blocks' lists merge per user in Spark. Writes Parquet, CSV and a readable view, all or nothing.
 */
public final class Recommendation {

  public static final String PARQUET_DIR = "parquet";
  public static final String CSV_DIR = "csv";
  public static final String VIEW_FILE = "recommendations.md";

  private static final Logger LOG = LoggerFactory.getLogger(Recommendation.class);

  private final SparkSession spark;
  private final Storage storage;

  public Recommendation(SparkSession spark) {
    this.spark = spark;
    this.storage = new Storage(spark.sparkContext().hadoopConfiguration());
  }

  /** Runs it and returns the readable view of the shown users. */
  public String run(RecommendOptions options) {
    options.validate();
    PreparedLayout prepared = new PreparedLayout(options.preparedDir());
    for (String path : List.of(prepared.train(), prepared.test(), prepared.users(),
        prepared.items())) {
      requireExists(path, RecommendOptions.PREPARED_DIR, "PrepareJob");
    }
    requireExists(new ModelLayout(options.modelDir()).model(), RecommendOptions.MODEL_DIR,
        "TrainJob");
    PreparedFacts facts = PreparedFacts.read(storage, prepared, RecommendOptions.PREPARED_DIR);

    try (StagedOutput output = StagedOutput.begin(storage, options.recommendationsDir(),
        RecommendOptions.RECOMMENDATIONS_DIR, options.overwrite())) {
      Dataset<Row> users = chosenUsers(prepared, options.users())
          .persist(StorageLevel.MEMORY_AND_DISK());
      long userCount = users.count();
      StoredModel model = StoredModel.load(storage, new ModelLayout(options.modelDir()),
          RecommendOptions.MODEL_DIR);
      long start = System.nanoTime();
      String name = CandidateScorer.NAME + "-" + model.variant().label();
      try (CandidateScorer scorer = CandidateScorer.broadcast(spark, name, model.zip(),
          options.scoreBatchSize())) {
        recommendations(prepared, facts, users, userCount, scorer, options)
            .write().parquet(output.resolve(PARQUET_DIR));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      LOG.info(String.format(Locale.ROOT, "Recommended %d movies to each of %d users from %d "
          + "items with %s from %s in %.1f s (about %.0f scores/s)", options.topN(), userCount,
          facts.items(), name, options.modelDir(), seconds,
          userCount * (double) facts.items() / seconds));

      Dataset<Row> written = spark.read().parquet(output.resolve(PARQUET_DIR));
      written.coalesce(1).write().option("header", "true").csv(output.resolve(CSV_DIR));
      String view = new ReadableView(spark, storage, prepared, facts)
          .render(users, written, options.show(), options.history());
      storage.writeString(output.resolve(VIEW_FILE), view);
      users.unpersist();
      output.commit();
      LOG.info("Wrote {}", options.recommendationsDir());
      return view;
    }
  }

  /** (user, userId, seen) for the requested userIds, or every user; unknown ids fail. */
  private Dataset<Row> chosenUsers(PreparedLayout prepared, List<Integer> userIds) {
    Dataset<Row> users = spark.read().parquet(prepared.users())
        .select(Columns.USER, Columns.USER_ID);
    if (!userIds.isEmpty()) {
      users = users.filter(col(Columns.USER_ID).isin(userIds.toArray()));
      // Only the handful of requested ids reach the driver, to name the missing ones.
      List<Integer> found = users.select(Columns.USER_ID).as(Encoders.INT()).collectAsList();
      List<Integer> missing = new ArrayList<>(userIds);
      missing.removeAll(found);
      if (!missing.isEmpty()) {
        throw new UserError("option '" + RecommendOptions.USERS + "': userId " + missing
            + " not in " + prepared.users() + " (users kept by PrepareJob)");
      }
    }
    Dataset<Row> interactions = spark.read().parquet(prepared.train())
        .union(spark.read().parquet(prepared.test()).select(Columns.USER, Columns.ITEM,
            Columns.LABEL))
        .filter(col(Columns.LABEL).equalTo(1))
        .groupBy(Columns.USER)
        .agg(array_sort(collect_set(Columns.ITEM)).as(TopItems.SEEN));
    return users.join(interactions, Columns.USER, "left");
  }

  /** userId, rank, movieId, title, score: the top N per user, best first. */
  private Dataset<Row> recommendations(PreparedLayout prepared, PreparedFacts facts,
      Dataset<Row> users, long userCount, CandidateScorer scorer, RecommendOptions options) {
    UserItemBlocks blocks = new UserItemBlocks(facts.items(), options.scoreBatchSize());
    Dataset<Row> best = blocks.expand(spark, users.select(Columns.USER, TopItems.SEEN), userCount)
        .mapPartitions(new TopItems(scorer.scorer(), blocks, options.topN()),
            Encoders.row(TopItems.SCHEMA))
        .withColumn(Columns.RANK, row_number().over(Window.partitionBy(Columns.USER)
            .orderBy(col(Columns.SCORE).desc(), col(Columns.ITEM))))
        .filter(col(Columns.RANK).leq(options.topN()));
    Dataset<Row> items = spark.read().parquet(prepared.items())
        .select(Columns.ITEM, Columns.MOVIE_ID, Columns.TITLE);
    return best
        .join(users.select(Columns.USER, Columns.USER_ID), Columns.USER)
        .join(items, Columns.ITEM)
        .select(Columns.USER_ID, Columns.RANK, Columns.MOVIE_ID, Columns.TITLE, Columns.SCORE)
        .orderBy(Columns.USER_ID, Columns.RANK);
  }

  private void requireExists(String path, String option, String producer) {
    if (!storage.exists(path)) {
      throw new UserError("option '" + option + "': " + path + " does not exist; " + producer
          + " writes it");
    }
  }
}
