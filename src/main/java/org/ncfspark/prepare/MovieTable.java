package org.ncfspark.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.ncfspark.data.Columns.MOVIE_ID;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The movies of movies.csv as a sorted id table small enough to ship to every task: for each
 * movieId, how many rows list it and how many of those the year filter keeps. A movieId listed
 * twice counts twice, as a join with the movie rows would count it.
 */
final class MovieTable implements Serializable {

  private final int[] ids;
  private final int[] listed;
  private final int[] kept;

  private MovieTable(int[] ids, int[] listed, int[] kept) {
    this.ids = ids;
    this.listed = listed;
    this.kept = kept;
  }

  /** From movie rows with a boolean column {@code keptColumn}; one row per movie id is read. */
  static MovieTable of(Dataset<Row> movies, String keptColumn) {
    List<Row> rows = movies.groupBy(MOVIE_ID)
        .agg(count("*"), sum(when(col(keptColumn), 1).otherwise(0)))
        .orderBy(MOVIE_ID)
        .collectAsList();
    int[] ids = new int[rows.size()];
    int[] listed = new int[rows.size()];
    int[] kept = new int[rows.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rows.get(i).getInt(0);
      listed[i] = Math.toIntExact(rows.get(i).getLong(1));
      kept[i] = Math.toIntExact(rows.get(i).getLong(2));
    }
    return new MovieTable(ids, listed, kept);
  }

  /** Where the movie is in the table, negative for one movies.csv does not list. */
  int find(int movieId) {
    return Arrays.binarySearch(ids, movieId);
  }

  /** Rows of movies.csv listing the movie found at {@code at}, 0 for one not found. */
  int listed(int at) {
    return at < 0 ? 0 : listed[at];
  }

  /** Rows of movies.csv listing the movie found at {@code at} that the year filter keeps. */
  int kept(int at) {
    return at < 0 ? 0 : kept[at];
  }
}
