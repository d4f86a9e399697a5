package org.ncfspark.prepare;

import static org.ncfspark.data.Columns.GENRES;
import static org.ncfspark.data.Columns.MOVIE_ID;
import static org.ncfspark.data.Columns.RATING;
import static org.ncfspark.data.Columns.TIMESTAMP;
import static org.ncfspark.data.Columns.TITLE;
import static org.ncfspark.data.Columns.USER_ID;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ncfspark.io.Storage;

/**
 * Reads a MovieLens directory's movies.csv (movieId,title,genres) and ratings.csv
 * (userId,movieId,rating,timestamp): UTF-8 with a header, one row per line, titles quoted when
 * they hold commas and quotes doubled inside them, LF or CRLF line ends. Each file is checked
 * line by line under the {@link InputRules} when it is first read.
 */
public final class MovieLensInput {

  public static final String MOVIES_FILE = "movies.csv";
  public static final String RATINGS_FILE = "ratings.csv";

  static final StructType MOVIES_SCHEMA = new StructType()
      .add(MOVIE_ID, DataTypes.IntegerType, false)
      .add(TITLE, DataTypes.StringType, false)
      .add(GENRES, DataTypes.StringType, true);

  static final StructType RATINGS_SCHEMA = new StructType()
      .add(USER_ID, DataTypes.IntegerType, false)
      .add(MOVIE_ID, DataTypes.IntegerType, false)
      .add(RATING, DataTypes.DoubleType, false)
      .add(TIMESTAMP, DataTypes.LongType, false);

  private final SparkSession spark;
  private final String dir;
  private final InputRules rules;
  private InputFile movies;
  private InputFile ratings;
  private RatingScan ratingScan;

  public MovieLensInput(SparkSession spark, String dir, InputRules rules) {
    this.spark = spark;
    this.dir = dir;
    this.rules = rules;
  }

  /** The good rows of movies.csv, cached: they are read several times. */
  public Dataset<Row> movies() {
    if (movies == null) {
      movies = InputFile.read(spark, path(MOVIES_FILE), MOVIES_SCHEMA, rules,
          MovieLensInput::movie);
    }
    return movies.rows();
  }

  /** The good rows of ratings.csv, cached: they are read several times. */
  public Dataset<Row> ratings() {
    return ratingFile().rows();
  }

  private InputFile ratingFile() {
    if (ratings == null) {
      InputRules ratingRules = rules;
      ratings = InputFile.read(spark, path(RATINGS_FILE), RATINGS_SCHEMA, rules,
          (fields, text) -> rating(fields, text, ratingRules));
    }
    return ratings;
  }

  /**
   * Checks ratings.csv in one pass that keeps only the ratings of the movies {@code movies}
   * keeps, for a caller that needs no other rating; bad rows fail here as the rules say.
   */
  RatingScan scanRatings(MovieTable movies) {
    if (ratingScan == null) {
      ratingScan = RatingScan.run(spark, path(RATINGS_FILE), rules, movies);
    }
    return ratingScan;
  }

  /**
   * Bad rows dropped per file and problem; empty for a file without any. The files come in a
   * fixed order, movies first, so that summary.json is the same on every run.
   */
  public Map<String, Map<String, Long>> badRows() {
    movies();
    BadRows ratingsBadRows = ratingScan != null ? ratingScan.badRows() : ratingFile().badRows();
    Map<String, Map<String, Long>> byFile = new LinkedHashMap<>();
    byFile.put(MOVIES_FILE, movies.badRows().byProblem());
    byFile.put(RATINGS_FILE, ratingsBadRows.byProblem());
    return byFile;
  }

  public void unpersist() {
    for (InputFile file : new InputFile[] {movies, ratings}) {
      if (file != null) {
        file.unpersist();
      }
    }
    if (ratingScan != null) {
      ratingScan.unpersist();
    }
  }

  private String path(String file) {
    return Storage.child(dir, file);
  }

  private static ParsedLine movie(String[] fields, String text) {
    if (fields.length != 3) {
      return ParsedLine.bad("expected 3 fields, found " + fields.length, text);
    }
    Integer movieId = Fields.integer(fields[0]);
    if (movieId == null) {
      return ParsedLine.bad("movieId is not an integer", text);
    }
    if (fields[1] == null || fields[1].isBlank()) {
      return ParsedLine.bad("title is empty", text);
    }
    return ParsedLine.good(RowFactory.create(movieId, fields[1], fields[2]));
  }

  static ParsedLine rating(String[] fields, String text, InputRules rules) {
    if (fields.length != 4) {
      return ParsedLine.bad("expected 4 fields, found " + fields.length, text);
    }
    Integer userId = Fields.integer(fields[0]);
    Integer movieId = Fields.integer(fields[1]);
    Double rating = Fields.decimal(fields[2]);
    Long timestamp = Fields.longInteger(fields[3]);
    String problem = userId == null ? "userId is not an integer"
        : movieId == null ? "movieId is not an integer"
        : rating == null ? "rating is not a number"
        : rating < rules.minRating() || rating > rules.maxRating()
            ? "rating outside " + rules.minRating() + " to " + rules.maxRating()
        : timestamp == null ? "timestamp is not an integer"
        : timestamp < 0 ? "timestamp is negative"
        : null;
    return problem != null
        ? ParsedLine.bad(problem, text)
        : ParsedLine.good(RowFactory.create(userId, movieId, rating, timestamp));
  }
}
