package org.ncfspark.prepare;

import static org.ncfspark.data.Columns.GENRES;
import static org.ncfspark.data.Columns.MOVIE_ID;
import static org.ncfspark.data.Columns.RATING;
import static org.ncfspark.data.Columns.TIMESTAMP;
import static org.ncfspark.data.Columns.TITLE;
import static org.ncfspark.data.Columns.USER_ID;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ncfspark.cli.UserError;
import org.ncfspark.io.Storage;

/**
 * Reads a MovieLens directory's movies.csv (movieId,title,genres) and ratings.csv
 * (userId,movieId,rating,timestamp): UTF-8 with a header, titles quoted when they hold commas
 * and quotes doubled inside them, LF or CRLF line ends.
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

  public MovieLensInput(SparkSession spark, String dir) {
    this.spark = spark;
    this.dir = dir;
  }

  public Dataset<Row> movies() {
    return read(MOVIES_FILE, MOVIES_SCHEMA);
  }

  public Dataset<Row> ratings() {
    return read(RATINGS_FILE, RATINGS_SCHEMA);
  }

  private Dataset<Row> read(String file, StructType schema) {
    String path = Storage.child(dir, file);
    Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    if (!storage.exists(path)) {
      throw new UserError("option '--input-dir': " + path + " does not exist; expected a "
          + "MovieLens directory holding " + MOVIES_FILE + " and " + RATINGS_FILE);
    }
    return spark.read()
        .schema(schema)
        .option("header", "true")
        .option("encoding", "UTF-8")
        .option("quote", "\"")
        .option("escape", "\"")
        .option("mode", "FAILFAST")
        .csv(path);
  }
}
