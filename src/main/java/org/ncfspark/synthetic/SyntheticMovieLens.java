package org.ncfspark.synthetic;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.ncfspark.io.StagedOutput;
import org.ncfspark.io.Storage;
import org.ncfspark.prepare.MovieLensInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a MovieLens-like directory, movies.csv and ratings.csv in MovieLens 25M's format, on
 * the executors: each user's ratings come from a random stream of the seed and the user, so the
 * files are the same whatever the partitioning. The driver holds the movie catalogue only.
 */
public final class SyntheticMovieLens {

  static final String MOVIES_HEADER = "movieId,title,genres";
  static final String RATINGS_HEADER = "userId,movieId,rating,timestamp";

  private static final Logger LOG = LoggerFactory.getLogger(SyntheticMovieLens.class);
  private static final long RATINGS_PER_PARTITION = 1_000_000;
  private static final String PARTS = "_parts";

  private final SparkSession spark;
  private final SyntheticOptions options;

  public SyntheticMovieLens(SparkSession spark, SyntheticOptions options) {
    this.spark = spark;
    this.options = options;
  }

  /** Writes both files and publishes the directory whole; returns the shape generated. */
  public SyntheticShape run() {
    options.validate();
    long started = System.nanoTime();
    SyntheticShape shape = SyntheticShape.of(options.ratings, options.users, options.movies);
    LOG.info("Generating {} ratings by {} users of {} movies in {} taste clusters (taste share "
        + "{}, seed {})", shape.ratings(), shape.users(), shape.movies(), options.clusters,
        options.tasteShare, options.seed);
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Storage storage = new Storage(context.hadoopConfiguration());
    MovieTraits traits = new MovieTraits(options.seed, shape.movies(), options.clusters);

    try (StagedOutput output = StagedOutput.begin(
        storage, options.outputDir, "--output-dir", options.overwrite)) {
      String parts = output.resolve(PARTS);
      int partitions = partitions(context, shape);
      CsvFiles.write(context, movieLines(context, traits, shape.movies(), partitions),
          MOVIES_HEADER, output.resolve(MovieLensInput.MOVIES_FILE), Storage.child(parts, "m"));
      Broadcast<UserRatings> users = context.broadcast(new UserRatings(options.seed, shape,
          Catalogue.of(traits, shape.movies(), options.clusters), options.clusters,
          options.tasteShare));
      CsvFiles.write(context, ratingLines(context, users, shape, partitions),
          RATINGS_HEADER, output.resolve(MovieLensInput.RATINGS_FILE), Storage.child(parts, "r"));
      storage.delete(parts);
      output.commit();
      users.destroy();
    }
    LOG.info("Wrote {} and {} under {} in {} s", MovieLensInput.MOVIES_FILE,
        MovieLensInput.RATINGS_FILE, options.outputDir,
        String.format("%.1f", (System.nanoTime() - started) / 1e9));
    return shape;
  }

  private int partitions(JavaSparkContext context, SyntheticShape shape) {
    if (options.partitions > 0) {
      return Math.min(options.partitions, shape.users());
    }
    long byRatings = (shape.ratings() + RATINGS_PER_PARTITION - 1) / RATINGS_PER_PARTITION;
    return (int) Math.min(shape.users(), Math.max(context.defaultParallelism(), byRatings));
  }

  /** Contiguous id ranges [first, last], one per partition, in id order. */
  private static List<int[]> ranges(int count, int partitions) {
    List<int[]> ranges = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      int first = (int) ((long) count * p / partitions) + 1;
      int last = (int) ((long) count * (p + 1) / partitions);
      ranges.add(new int[] {first, last});
    }
    return ranges;
  }

  private static JavaRDD<String> movieLines(JavaSparkContext context, MovieTraits traits,
      int movies, int partitions) {
    int slices = Math.min(partitions, movies);
    return context.parallelize(ranges(movies, slices), slices).mapPartitions(ranges -> {
      CsvWriter csv = new CsvWriter(new CsvWriterSettings());
      List<String> lines = new ArrayList<>();
      ranges.forEachRemaining(range -> IntStream.rangeClosed(range[0], range[1]).forEach(id -> {
        MovieTraits.Movie movie = traits.movie(id);
        lines.add(csv.writeRowToString(movie.movieId(), movie.title(), movie.genres()));
      }));
      return lines.iterator();
    });
  }

  /** One element per user: the user's lines joined by newlines. */
  private static JavaRDD<String> ratingLines(JavaSparkContext context,
      Broadcast<UserRatings> users, SyntheticShape shape, int partitions) {
    int movies = shape.movies();
    return context.parallelize(ranges(shape.users(), partitions), partitions)
        .mapPartitions(ranges -> new Iterator<String>() {
          private final UserRatings generator = users.value();
          private final BitSet seen = new BitSet(movies + 1);
          private final StringBuilder out = new StringBuilder();
          private int[] range = ranges.hasNext() ? ranges.next() : null;
          private int next = range == null ? 0 : range[0];

          @Override
          public boolean hasNext() {
            return range != null && next <= range[1];
          }

          @Override
          public String next() {
            out.setLength(0);
            generator.append(next++, out, seen);
            if (next > range[1] && ranges.hasNext()) {
              range = ranges.next();
              next = range[0];
            }
            return out.toString();
          }
        });
  }
}
