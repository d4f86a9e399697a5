package org.ncfspark.prepare;

import static org.ncfspark.data.Columns.MOVIE_ID;
import static org.ncfspark.data.Columns.TIMESTAMP;
import static org.ncfspark.data.Columns.USER_ID;

import com.univocity.parsers.csv.CsvParser;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.ncfspark.cli.UserError;

/**
 * One pass over ratings.csv that checks every line under the {@link InputRules}, counts the
 * ratings of movies movies.csv lists and of movies the year filter keeps, and holds on to the
 * ratings of kept movies only. At MovieLens 25M's size that is a tenth of the ratings: the rest
 * is parsed once and never cached or shuffled. Each partition of the file becomes one compact
 * {@link Part} on its executor; only its counts reach the driver.
 */
final class RatingScan {

  static final StructType KEPT_SCHEMA = new StructType()
      .add(USER_ID, DataTypes.IntegerType, false)
      .add(MOVIE_ID, DataTypes.IntegerType, false)
      .add(TIMESTAMP, DataTypes.LongType, false);

  private final SparkSession spark;
  private final JavaRDD<Part> parts;
  private final BadRows badRows;
  private final long listed;
  private final long kept;

  private RatingScan(SparkSession spark, JavaRDD<Part> parts, BadRows badRows, long listed,
      long kept) {
    this.spark = spark;
    this.parts = parts;
    this.badRows = badRows;
    this.listed = listed;
    this.kept = kept;
  }

  /** Reads and checks the file; bad rows fail here as the rules say, before anything else. */
  static RatingScan run(SparkSession spark, String path, InputRules rules, MovieTable movies) {
    InputFile.requireExists(spark, path);
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<String> text = context.textFile(path);
    InputFile.requireHeader(path, text,
        String.join(",", MovieLensInput.RATINGS_SCHEMA.fieldNames()));

    Broadcast<MovieTable> table = context.broadcast(movies);
    JavaRDD<Part> parts = text
        .mapPartitionsWithIndex((partition, lines) -> List.of(
            Part.scan(partition, lines, rules, table.value())).iterator(), false)
        .persist(StorageLevel.MEMORY_AND_DISK());
    List<Counts> counts = parts.map(Part::counts).collect();

    List<BadRows.Group> groups = new ArrayList<>();
    long listed = 0;
    long kept = 0;
    for (Counts partCounts : counts) {
      groups.addAll(partCounts.groups());
      listed += partCounts.listed();
      kept += partCounts.kept();
    }
    BadRows badRows = BadRows.of(groups, text.getNumPartitions());
    try {
      if (badRows.lines() == 0) {
        throw new UserError(path + " holds the header but no rows");
      }
      InputFile.judge(path, badRows, rules);
    } catch (UserError e) {
      parts.unpersist(false);
      throw e;
    }
    return new RatingScan(spark, parts, badRows, listed, kept);
  }

  BadRows badRows() {
    return badRows;
  }

  /** Good rows read. */
  long read() {
    return badRows.lines() - badRows.bad();
  }

  /** Good rows whose movie movies.csv lists, once per listing. */
  long listed() {
    return listed;
  }

  /** Good rows whose movie the year filter keeps, once per listing. */
  long kept() {
    return kept;
  }

  /** Distinct users of the good rows, whatever their movie. */
  long usersRead() {
    JavaRDD<Integer> users = parts.flatMap(part -> IntStream.of(part.users).iterator());
    return spark.createDataset(users.rdd(), Encoders.INT()).distinct().count();
  }

  /** The good rows of kept movies, each once: userId, movieId, timestamp. */
  Dataset<Row> keptRatings() {
    JavaRDD<Row> rows = parts.flatMap(Part::keptRows);
    return spark.createDataFrame(rows, KEPT_SCHEMA);
  }

  void unpersist() {
    parts.unpersist(false);
  }

  /** What a partition's pass found, without any of its rows. */
  record Counts(List<BadRows.Group> groups, long listed, long kept) implements Serializable {}

  /** One partition of the file after the pass: its counts and its ratings of kept movies. */
  static final class Part implements Serializable {

    private final List<BadRows.Group> groups;
    private final long listed;
    private final long kept;
    private final int[] users;
    private final int[] keptUsers;
    private final int[] keptMovies;
    private final long[] keptTimestamps;

    private Part(Scanner scanner) {
      this.groups = scanner.groups();
      this.listed = scanner.listed;
      this.kept = scanner.kept;
      this.users = scanner.users.stream().mapToInt(Integer::intValue).toArray();
      this.keptUsers = Arrays.copyOf(scanner.keptUsers, scanner.keptCount);
      this.keptMovies = Arrays.copyOf(scanner.keptMovies, scanner.keptCount);
      this.keptTimestamps = Arrays.copyOf(scanner.keptTimestamps, scanner.keptCount);
    }

    /** Partition 0 starts with the header, checked already: it is skipped but keeps offset 0. */
    static Part scan(int partition, Iterator<String> lines, InputRules rules, MovieTable movies) {
      Scanner scanner = new Scanner(partition, rules, movies);
      long offset = 0;
      if (partition == 0 && lines.hasNext()) {
        lines.next();
        offset = 1;
      }
      while (lines.hasNext()) {
        scanner.add(offset++, lines.next());
      }
      return new Part(scanner);
    }

    Counts counts() {
      return new Counts(groups, listed, kept);
    }

    Iterator<Row> keptRows() {
      return IntStream.range(0, keptUsers.length)
          .mapToObj(i -> RowFactory.create(keptUsers[i], keptMovies[i], keptTimestamps[i]))
          .iterator();
    }
  }

  /** Accumulates one partition's lines. */
  private static final class Scanner {

    private final int partition;
    private final InputRules rules;
    private final MovieTable movies;
    private final CsvParser csv = new CsvParser(InputFile.settings());
    private final Map<String, BadRows.Group> problems = new TreeMap<>();
    private final Set<Integer> users = new HashSet<>();
    private long good;
    private long listed;
    private long kept;
    private boolean anyUser;
    private int lastUser;
    private int keptCount;
    private int[] keptUsers = new int[1024];
    private int[] keptMovies = new int[1024];
    private long[] keptTimestamps = new long[1024];

    Scanner(int partition, InputRules rules, MovieTable movies) {
      this.partition = partition;
      this.rules = rules;
      this.movies = movies;
    }

    void add(long offset, String text) {
      ParsedLine line = InputFile.parseLine(csv, text,
          (fields, quoted) -> MovieLensInput.rating(fields, quoted, rules));
      if (line.isBad()) {
        problems.merge(line.problem(),
            new BadRows.Group(partition, line.problem(), 1, offset, line.text()),
            (earlier, later) -> new BadRows.Group(partition, earlier.problem(),
                earlier.lines() + 1, earlier.offset(), earlier.text()));
        return;
      }
      good++;
      int user = line.row().getInt(0);
      int movie = line.row().getInt(1);
      // Files sorted by user, as MovieLens' are, touch the set once per user.
      if (!anyUser || user != lastUser) {
        users.add(user);
        anyUser = true;
        lastUser = user;
      }
      int at = movies.find(movie);
      listed += movies.listed(at);
      int keptListings = movies.kept(at);
      if (keptListings > 0) {
        kept += keptListings;
        keep(user, movie, line.row().getLong(3));
      }
    }

    private void keep(int user, int movie, long timestamp) {
      if (keptCount == keptUsers.length) {
        keptUsers = Arrays.copyOf(keptUsers, 2 * keptCount);
        keptMovies = Arrays.copyOf(keptMovies, 2 * keptCount);
        keptTimestamps = Arrays.copyOf(keptTimestamps, 2 * keptCount);
      }
      keptUsers[keptCount] = user;
      keptMovies[keptCount] = movie;
      keptTimestamps[keptCount] = timestamp;
      keptCount++;
    }

    List<BadRows.Group> groups() {
      List<BadRows.Group> groups = new ArrayList<>(problems.values());
      groups.add(new BadRows.Group(partition, null, good, 0, null));
      return groups;
    }
  }
}
