package org.ncfspark.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncfspark.cli.UserError;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.spark.TestSpark;

/** PrepareJob's filters, counts and mappings on a hand-made MovieLens directory. */
class PreparationTest {

  private static final String MOVIES = String.join("\r\n",
      "movieId,title,genres",
      "10,\"Bourne Identity, The (2002)\",Action|Thriller",
      "20,\"11'09\"\"01 - September 11 (2012)\",Drama",
      "30,Old Movie (1995),Comedy",
      "40,Black Mirror,(no genres listed)",
      "50,New Movie (2015)  ,Drama",
      "60,Nobody Rated This (2016),Drama",
      "");

  private static final String RATINGS = String.join("\r\n",
      "userId,movieId,rating,timestamp",
      "1,10,4.0,100",
      "1,20,0.5,200",
      "1,50,3.0,300",
      "1,30,5.0,400",
      "2,10,2.0,100",
      "2,10,4.5,150",
      "2,50,1.0,120",
      "3,20,4.0,500",
      "3,40,4.0,600",
      "4,10,3.0,10",
      "4,50,3.0,20",
      "4,99,3.0,30",
      "");

  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path temp;

  @Test
  @DisplayName("keeps movies from --min-year, drops the rest and counts every drop by reason")
  void filtersAndCounts() throws IOException {
    PrepareSummary summary = new Preparation(spark, options(2000, false)).run();

    assertEquals(new PrepareSummary.Movies(6, 3, 1, 1, 1), summary.movies());
    assertEquals(new PrepareSummary.Ratings(12, 7, 2, 1, 1, 1, 4, 1), summary.ratings());
    assertEquals(3, summary.users());
    assertEquals(3, summary.items());
    // User 1 rated every kept item, so gets no negative; users 2 and 4 have one unseen item.
    assertEquals(new PrepareSummary.Training(4, 4, 8), summary.training());
    assertEquals(new PrepareSummary.Test(3, 5, 2, 3), summary.test());
  }

  @Test
  @DisplayName("--keep-unknown-year keeps titles without a year")
  void keepsUnknownYearOnRequest() throws IOException {
    PrepareSummary summary = new Preparation(spark, options(2000, true)).run();

    assertEquals(new PrepareSummary.Movies(6, 4, 1, 0, 1), summary.movies());
    assertEquals(4, summary.users());
  }

  @Test
  @DisplayName("users and items map back to their ids, titles and years")
  void writesMappings() throws IOException {
    PrepareOptions options = options(2000, false);
    new Preparation(spark, options).run();
    PreparedLayout layout = new PreparedLayout(options.preparedDir);

    Map<Integer, Integer> userIds = spark.read().parquet(layout.users()).collectAsList().stream()
        .collect(Collectors.toMap(row -> row.getInt(0), row -> row.getInt(1)));
    assertEquals(Map.of(0, 1, 1, 2, 2, 4), userIds);

    List<Row> items = spark.read().parquet(layout.items()).orderBy("item").collectAsList();
    assertEquals(List.of(0, 1, 2), items.stream().map(row -> row.getInt(0)).toList());
    assertEquals(List.of(10, 20, 50), items.stream().map(row -> row.getInt(1)).toList());
    assertEquals("Bourne Identity, The (2002)", items.get(0).getString(2));
    assertEquals("11'09\"01 - September 11 (2012)", items.get(1).getString(2));
    assertEquals(2015, items.get(2).getInt(3));
  }

  @Test
  @DisplayName("the repeated pair counts once, at its latest timestamp")
  void repeatedPairKeepsLatestTimestamp() throws IOException {
    PrepareOptions options = options(2000, false);
    new Preparation(spark, options).run();

    // User 2 rated movie 10 at 100 and 150 and movie 50 at 120: 10 is the latest, so the test one.
    Row test = spark.read().parquet(new PreparedLayout(options.preparedDir).test())
        .filter("user = 1 and label = 1").first();
    assertEquals(0, test.getInt(1));
  }

  @Test
  @DisplayName("an existing prepared directory is kept unless --overwrite is given")
  void refusesToOverwrite() throws IOException {
    PrepareOptions options = options(2000, false);
    new Preparation(spark, options).run();
    Path marker = Path.of(options.preparedDir, "summary.json");
    String before = Files.readString(marker);

    UserError error = assertThrows(UserError.class, () -> new Preparation(spark, options).run());
    assertTrue(error.getMessage().contains("already exists"), error.getMessage());
    assertEquals(before, Files.readString(marker));
    assertFalse(Files.exists(temp.resolve(".prepared.staging")));
  }

  @Test
  @DisplayName("a rerun with --overwrite that fails leaves the earlier prepared data whole")
  void failedOverwriteKeepsEarlierOutput() throws IOException {
    PrepareOptions options = options(2000, false);
    new Preparation(spark, options).run();
    Path summary = Path.of(options.preparedDir, "summary.json");
    String before = Files.readString(summary);
    long trainRows = spark.read().parquet(options.preparedDir + "/train").count();
    options.overwrite = true;
    options.allowFewerNegatives = false;

    UserError error = assertThrows(UserError.class, () -> new Preparation(spark, options).run());
    assertTrue(error.getMessage().contains("--test-negatives=2"), error.getMessage());
    assertEquals(before, Files.readString(summary));
    assertEquals(trainRows, spark.read().parquet(options.preparedDir + "/train").count());
    assertFalse(Files.exists(temp.resolve(".prepared.staging")));
  }

  @Test
  @DisplayName("users with too few unseen items fail the job unless fewer negatives are allowed")
  void tooFewUnseenItemsIsAnError() throws IOException {
    PrepareOptions options = options(2000, false);
    options.allowFewerNegatives = false;

    UserError error = assertThrows(UserError.class, () -> new Preparation(spark, options).run());
    assertTrue(error.getMessage().contains("--test-negatives=2"), error.getMessage());
    assertFalse(Files.exists(Path.of(options.preparedDir)));
  }

  private PrepareOptions options(int minYear, boolean keepUnknownYear) throws IOException {
    Path input = Files.createDirectories(temp.resolve("input"));
    Files.writeString(input.resolve("movies.csv"), MOVIES, StandardCharsets.UTF_8);
    Files.writeString(input.resolve("ratings.csv"), RATINGS, StandardCharsets.UTF_8);

    PrepareOptions options = new PrepareOptions();
    options.inputDir = input.toString();
    options.preparedDir = temp.resolve("prepared").toString();
    options.overwrite = false;
    options.minYear = minYear;
    options.keepUnknownYear = keepUnknownYear;
    options.minInteractions = 2;
    options.trainNegatives = 2;
    options.testNegatives = 2;
    options.allowFewerNegatives = true;
    options.seed = 1;
    options.partitions = 0;
    return options;
  }
}
