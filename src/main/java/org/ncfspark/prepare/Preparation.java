package org.ncfspark.prepare;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.ncfspark.data.Columns.GENRES;
import static org.ncfspark.data.Columns.ITEM;
import static org.ncfspark.data.Columns.LABEL;
import static org.ncfspark.data.Columns.MOVIE_ID;
import static org.ncfspark.data.Columns.TIMESTAMP;
import static org.ncfspark.data.Columns.TITLE;
import static org.ncfspark.data.Columns.USER;
import static org.ncfspark.data.Columns.USER_ID;
import static org.ncfspark.data.Columns.YEAR;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.ncfspark.cli.UserError;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.io.Json;
import org.ncfspark.io.StagedOutput;
import org.ncfspark.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes MovieLens CSVs to the prepared directory: keeps movies from --min-year on, treats every
 * remaining rating as a positive, encodes users and items, holds out each user's latest positive
 * and samples negatives for both sides. Only counts ever reach the driver.
 */
public final class Preparation {

  static final String TIE_RULE = "latest timestamp; among equal timestamps the highest movieId";

  private static final Logger LOG = LoggerFactory.getLogger(Preparation.class);
  private static final String INTERACTIONS = "interactions";
  private static final String KEPT = "kept";

  private final SparkSession spark;
  private final PrepareOptions options;
  private final Storage storage;

  public Preparation(SparkSession spark, PrepareOptions options) {
    this.spark = spark;
    this.options = options;
    this.storage = new Storage(spark.sparkContext().hadoopConfiguration());
  }

  /** Runs every step and publishes the prepared directory whole. */
  public PrepareSummary run() {
    options.validate();
    long started = System.nanoTime();
    MovieLensInput input = new MovieLensInput(spark, options.inputDir, inputRules());
    try {
      // Bad input fails here, before anything is written.
      Dataset<Row> movies = moviesWithYear(input);
      RatingScan ratings = input.scanRatings(MovieTable.of(movies, KEPT));
      try (StagedOutput output = StagedOutput.begin(
          storage, options.preparedDir, "--prepared-dir", options.overwrite)) {
        PrepareSummary summary = prepare(input, movies, ratings,
            new PreparedLayout(output.path()));
        output.commit();
        LOG.info("Prepared data written to {} in {} s", options.preparedDir,
            seconds(System.nanoTime() - started));
        return summary;
      }
    } finally {
      input.unpersist();
    }
  }

  private InputRules inputRules() {
    return new InputRules(options.onBadRows, options.maxBadFraction, options.minRating,
        options.maxRating);
  }

  /**
   * The good rows of movies.csv, which stay cached, with their release year and whether the
   * year keeps them.
   */
  private Dataset<Row> moviesWithYear(MovieLensInput input) {
    return input.movies()
        .withColumn(YEAR, releaseYear().apply(col(TITLE)))
        .withColumn(KEPT, coalesce(yearKept(), lit(false)));
  }

  private PrepareSummary prepare(MovieLensInput input, Dataset<Row> movies, RatingScan ratings,
      PreparedLayout layout) {
    Dataset<Row> keptMovies = movies.filter(col(KEPT)).drop(KEPT);
    MovieCounts movieCounts = countMovies(movies);
    Interactions interactions = interactions(ratings);

    Dataset<Row> users = LabelEncoder.encode(interactions.positives, USER_ID, USER)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> items = LabelEncoder.encode(interactions.positives, MOVIE_ID, ITEM)
        .join(keptMovies, MOVIE_ID)
        .select(ITEM, MOVIE_ID, TITLE, YEAR, GENRES)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long userCount = users.count();
    long itemCount = items.count();
    LOG.info("Encoded {} users and {} items", userCount, itemCount);
    if (itemCount == 0 || userCount == 0) {
      throw new UserError("no ratings left in " + options.inputDir + " after keeping movies from "
          + options.minYear + " on and users with at least " + options.minInteractions
          + " ratings; lower --min-year or --min-interactions");
    }

    Dataset<Row> split = LeaveLastOutSplit.mark(interactions.positives
        .join(users, USER_ID)
        .join(items.select(ITEM, MOVIE_ID), MOVIE_ID)
        .select(USER, ITEM, TIMESTAMP));
    // Not persisted: a cached plan keeps all shuffle partitions, so train/ and test/ would be
    // written in more files than Spark's adaptive execution now coalesces them into.
    NegativeSampling sampling = new NegativeSampling(
        split, Math.toIntExact(itemCount), options.seed, options.partitions);
    long usersWithFewer = checkUnseen(sampling, users);

    users.write().parquet(layout.users());
    items.write().parquet(layout.items());
    sampling.train(options.trainNegatives).write().parquet(layout.train());
    sampling.test(options.testNegatives).write().parquet(layout.test());

    PrepareSummary summary = summarise(layout, input, movieCounts, interactions, userCount,
        itemCount, usersWithFewer);
    storage.writeString(layout.summary(), Json.write(summary));
    return summary;
  }

  private static UserDefinedFunction releaseYear() {
    return udf((String title) -> ReleaseYear.of(title), DataTypes.IntegerType);
  }

  private Column yearKept() {
    Column fromMinYear = col(YEAR).geq(options.minYear);
    return options.keepUnknownYear ? fromMinYear.or(col(YEAR).isNull()) : fromMinYear;
  }

  private record MovieCounts(long read, long kept, long beforeMinYear, long noYear) {}

  /** One pass over the movies, which carry {@value #KEPT}. */
  private MovieCounts countMovies(Dataset<Row> movies) {
    Row counted = movies.agg(
        count("*"),
        sum(when(col(KEPT), 1).otherwise(0)),
        sum(when(col(YEAR).isNull(), 1).otherwise(0))).first();
    long read = counted.getLong(0);
    long keptCount = read == 0 ? 0 : counted.getLong(1);
    long noYear = options.keepUnknownYear || read == 0 ? 0 : counted.getLong(2);
    MovieCounts counts = new MovieCounts(read, keptCount, read - keptCount - noYear, noYear);
    LOG.info("Movies: {} read, {} kept by year, {} released before {}, {} without a year (a "
        + "kept movie nobody rated gets no index)", read, keptCount, counts.beforeMinYear,
        options.minYear, noYear);
    if (keptCount == 0) {
      throw new UserError("no movie in " + options.inputDir + " is from " + options.minYear
          + " or later; lower --min-year");
    }
    return counts;
  }

  /** The distinct (user, movie) positives that survive every filter, with what each dropped. */
  private record Interactions(
      Dataset<Row> positives, long read, long unknownMovie, long movieNotKept, long repeated,
      long belowMinInteractions, long usersRead, long usersDropped) {}

  /**
   * The counts of the movie filter come from the pass that checked ratings.csv; only the
   * ratings of kept movies are grouped into distinct pairs.
   */
  private Interactions interactions(RatingScan ratings) {
    long readCount = ratings.read();
    long known = ratings.listed();
    long keptRatings = ratings.kept();
    long usersRead = ratings.usersRead();

    Dataset<Row> distinct = ratings.keptRatings()
        .groupBy(USER_ID, MOVIE_ID)
        .agg(max(TIMESTAMP).as(TIMESTAMP))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> perUser = distinct.groupBy(USER_ID).agg(count("*").as(INTERACTIONS));
    Column userKept = col(INTERACTIONS).geq(options.minInteractions);
    Row counted = perUser.agg(
        count("*"),
        sum(when(userKept, 1).otherwise(0)),
        sum(INTERACTIONS),
        sum(when(userKept, col(INTERACTIONS)).otherwise(0))).first();
    long usersDropped = counted.getLong(0) - (counted.isNullAt(1) ? 0 : counted.getLong(1));
    long distinctCount = counted.isNullAt(2) ? 0 : counted.getLong(2);
    long positiveCount = counted.isNullAt(3) ? 0 : counted.getLong(3);
    Dataset<Row> positives = distinct
        .join(perUser.filter(userKept).select(USER_ID), USER_ID)
        .persist(StorageLevel.MEMORY_AND_DISK());

    LOG.info("Ratings: {} read, {} kept as positives; dropped {} of movies not kept, {} of "
        + "movies not in movies.csv, {} repeated pairs, {} of the {} users with fewer than {} "
        + "positives", readCount, positiveCount, known - keptRatings, readCount - known,
        keptRatings - distinctCount, distinctCount - positiveCount, usersDropped,
        options.minInteractions);
    return new Interactions(positives, readCount, readCount - known, known - keptRatings,
        keptRatings - distinctCount, distinctCount - positiveCount, usersRead, usersDropped);
  }

  /** Fails, or with --allow-fewer-negatives counts, users too active to get every negative. */
  private long checkUnseen(NegativeSampling sampling, Dataset<Row> users) {
    Dataset<Row> short_ = sampling.usersWithFewerUnseenThan(options.testNegatives);
    long count = short_.count();
    if (count > 0 && !options.allowFewerNegatives) {
      int userId = short_.join(users, USER).orderBy(USER).first().getInt(1);
      throw new UserError(count + " users (userId " + userId + " the first) have interacted with "
          + "all but fewer than --test-negatives=" + options.testNegatives + " items; lower "
          + "--test-negatives or pass --allow-fewer-negatives");
    }
    return count;
  }

  private PrepareSummary summarise(PreparedLayout layout, MovieLensInput input,
      MovieCounts movies, Interactions interactions, long users, long items,
      long usersWithFewer) {
    Dataset<Row> train = spark.read().parquet(layout.train());
    Dataset<Row> test = spark.read().parquet(layout.test());
    Row trainCounts = train.agg(count("*"), sum(when(col(LABEL).equalTo(1), 1).otherwise(0)))
        .first();
    Row testCounts = test.agg(count("*"), sum(when(col(LABEL).equalTo(1), 1).otherwise(0)))
        .first();
    long trainRows = trainCounts.getLong(0);
    long trainPositives = trainRows == 0 ? 0 : trainCounts.getLong(1);
    long testRows = testCounts.getLong(0);
    long testUsers = testRows == 0 ? 0 : testCounts.getLong(1);
    LOG.info("Training: {} positives, {} negatives; test: {} users, {} candidate rows",
        trainPositives, trainRows - trainPositives, testUsers, testRows);

    return new PrepareSummary(
        input.badRows(),
        new PrepareSummary.Movies(movies.read, items, movies.beforeMinYear, movies.noYear,
            movies.kept - items),
        new PrepareSummary.Ratings(interactions.read, interactions.positives.count(),
            interactions.movieNotKept, interactions.unknownMovie, interactions.repeated,
            interactions.belowMinInteractions, interactions.usersRead, interactions.usersDropped),
        users,
        items,
        new PrepareSummary.Training(trainPositives, trainRows - trainPositives, trainRows),
        new PrepareSummary.Test(testUsers, testRows, testRows - testUsers, usersWithFewer),
        new PrepareSummary.Parameters(options.inputDir, options.minYear, options.keepUnknownYear,
            options.minInteractions, options.trainNegatives, options.testNegatives,
            options.allowFewerNegatives, options.seed, TIE_RULE, inputRules()));
  }

  private static String seconds(long nanos) {
    return String.format("%.1f", nanos / 1e9);
  }
}
