package org.ncfspark.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_unixtime;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.ncfspark.data.Columns;
import org.ncfspark.data.PreparedFacts;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.io.Storage;
import org.ncfspark.prepare.InputRules;
import org.ncfspark.prepare.MovieLensInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readable view of a few users: what each watched last, then what is recommended. The
 * prepared data keeps no timestamps, so the history comes from the ratings.csv that PrepareJob
 * read (summary.json's parameters.inputDir), latest first with dates. When that file is gone
 * the view says so and shows the user's held-out test positive, which is the latest by
 * construction, without a date.
 */
final class ReadableView {

  private static final Logger LOG = LoggerFactory.getLogger(ReadableView.class);
  private static final String WHEN = "when";
  private static final String ORDER = "order";

  private final SparkSession spark;
  private final Storage storage;
  private final PreparedLayout prepared;
  private final PreparedFacts facts;

  ReadableView(SparkSession spark, Storage storage, PreparedLayout prepared, PreparedFacts facts) {
    this.spark = spark;
    this.storage = storage;
    this.prepared = prepared;
    this.facts = facts;
  }

  /** Markdown for the first {@code show} users by userId; only their rows reach the driver. */
  String render(Dataset<Row> users, Dataset<Row> recommendations, int show, int history) {
    List<Integer> shown = users.select(Columns.USER_ID).orderBy(Columns.USER_ID).limit(show)
        .as(Encoders.INT()).collectAsList();
    Map<Integer, List<String>> watched = history(shown, history);
    Map<Integer, List<String>> recommended = recommended(recommendations, shown);
    StringBuilder view = new StringBuilder("# Recommendations\n");
    for (int userId : shown) {
      view.append("\n## User ").append(userId).append("\n\nLatest watched:\n");
      watched.getOrDefault(userId, List.of()).forEach(line -> view.append("- ").append(line)
          .append('\n'));
      view.append("\nRecommended:\n");
      recommended.getOrDefault(userId, List.of()).forEach(line -> view.append(line)
          .append('\n'));
    }
    return view.toString();
  }

  private Map<Integer, List<String>> recommended(Dataset<Row> recommendations,
      List<Integer> shown) {
    Map<Integer, List<String>> lines = new LinkedHashMap<>();
    for (Row row : recommendations.filter(col(Columns.USER_ID).isin(shown.toArray()))
        .orderBy(Columns.USER_ID, Columns.RANK).collectAsList()) {
      lines.computeIfAbsent(row.getInt(0), id -> new ArrayList<>()).add(String.format(
          Locale.ROOT, "%d. %s (score %.3f)", row.getInt(1), row.getString(3), row.getFloat(4)));
    }
    return lines;
  }

  private Map<Integer, List<String>> history(List<Integer> shown, int count) {
    String ratings = facts.inputDir() == null ? null
        : Storage.child(facts.inputDir(), MovieLensInput.RATINGS_FILE);
    if (ratings != null && storage.exists(ratings)) {
      return datedHistory(shown, count, facts.inputDir());
    }
    LOG.warn("No ratings.csv under the prepared data's input dir {}; the view shows each "
        + "user's test positive, the latest watched, without a date", facts.inputDir());
    return testPositives(shown);
  }

  private Map<Integer, List<String>> datedHistory(List<Integer> shown, int count, String dir) {
    MovieLensInput input = new MovieLensInput(spark, dir, InputRules.LENIENT);
    Dataset<Row> latest = input.ratings()
        .filter(col(Columns.USER_ID).isin(shown.toArray()))
        .join(input.movies().select(Columns.MOVIE_ID, Columns.TITLE), Columns.MOVIE_ID)
        .withColumn(ORDER, row_number().over(Window.partitionBy(Columns.USER_ID)
            .orderBy(col(Columns.TIMESTAMP).desc(), col(Columns.MOVIE_ID).desc())))
        .filter(col(ORDER).leq(count))
        .withColumn(WHEN, from_unixtime(col(Columns.TIMESTAMP), "yyyy-MM-dd"))
        .select(Columns.USER_ID, WHEN, Columns.TITLE, Columns.RATING, ORDER)
        .orderBy(Columns.USER_ID, ORDER);
    Map<Integer, List<String>> lines = new LinkedHashMap<>();
    for (Row row : latest.collectAsList()) {
      lines.computeIfAbsent(row.getInt(0), id -> new ArrayList<>()).add(String.format(
          Locale.ROOT, "%s %s (rated %.1f)", row.getString(1), row.getString(2),
          row.getDouble(3)));
    }
    return lines;
  }

  private Map<Integer, List<String>> testPositives(List<Integer> shown) {
    Dataset<Row> positives = spark.read().parquet(prepared.test())
        .filter(col(Columns.LABEL).equalTo(1))
        .join(spark.read().parquet(prepared.users()), Columns.USER)
        .filter(col(Columns.USER_ID).isin(shown.toArray()))
        .join(spark.read().parquet(prepared.items()), Columns.ITEM)
        .select(Columns.USER_ID, Columns.TITLE);
    Map<Integer, List<String>> lines = new LinkedHashMap<>();
    for (Row row : positives.collectAsList()) {
      lines.computeIfAbsent(row.getInt(0), id -> new ArrayList<>())
          .add(row.getString(1) + " (the held-out latest; no date without ratings.csv)");
    }
    return lines;
  }
}
