package org.ncfspark.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ncfspark.PrepareJob;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.cli.UserError;
import org.ncfspark.spark.TestSpark;

/**
 * Malformed MovieLens input: each kind ends in one message naming the file, the line and the
 * problem, or is dropped and counted, and a failed run leaves no prepared directory behind.
 */
class BadInputTest {

  private static final String MOVIES_HEADER = "movieId,title,genres";
  private static final String RATINGS_HEADER = "userId,movieId,rating,timestamp";
  private static final List<String> MOVIES = List.of(MOVIES_HEADER,
      "1,One (2001),Drama", "2,\"Two, The (2002)\",Comedy", "3,Three (2003),Drama",
      "4,Four (2004),Drama");

  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path temp;

  /** 40 good ratings: 10 users each rating the 4 movies, at distinct times. */
  private static List<String> goodRatings() {
    List<String> lines = new ArrayList<>(List.of(RATINGS_HEADER));
    for (int user = 1; user <= 10; user++) {
      for (int movie = 1; movie <= 4; movie++) {
        lines.add(user + "," + movie + ",4.0," + (1000 * user + movie));
      }
    }
    return lines;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a missing field        | 1,2,4.0                 | expected 4 fields, found 3",
      "an extra field         | 1,2,4.0,100,9           | expected 4 fields, found 5",
      "a non-numeric user id  | one,2,4.0,100           | userId is not an integer",
      "a non-numeric movie id | 1,2x,4.0,100            | movieId is not an integer",
      "an empty timestamp     | '1,2,4.0,'              | timestamp is not an integer",
      "a non-numeric time     | 1,2,4.0,noon            | timestamp is not an integer",
      "a rating off the scale | 1,2,7.5,100             | rating outside 0.5 to 5.0",
      "a non-numeric rating   | 1,2,good,100            | rating is not a number",
      "a blank line           | ''                      | blank line"})
  @DisplayName("--on-bad-rows=fail stops at the bad row, naming file, line and problem")
  void failModeNamesTheRow(String kind, String badLine, String problem) throws IOException {
    List<String> ratings = goodRatings();
    ratings.add(6, badLine);
    PrepareOptions options = options(MOVIES, ratings);
    options.onBadRows = InputRules.OnBadRows.FAIL;

    String message = failure(options);

    assertTrue(message.contains("ratings.csv line 7: " + problem), message);
    assertTrue(message.contains("--on-bad-rows=drop"), message);
  }

  @Test
  @DisplayName("--on-bad-rows=drop keeps every good row and counts the bad ones by problem")
  void dropModeCountsByProblem() throws IOException {
    List<String> ratings = goodRatings();
    for (int i = 0; i < 200; i++) {
      ratings.add((20 + i) + ",1,4.0," + i);
      ratings.add((20 + i) + ",2,4.0," + (i + 1));
    }
    ratings.add(5, "1,2,9.0,100");
    ratings.add(9, "1,2,9.0,100");
    ratings.add("1,2");
    PrepareOptions options = options(MOVIES, ratings);

    PrepareSummary summary = new Preparation(spark, options).run();

    assertEquals(Map.of("rating outside 0.5 to 5.0", 2L, "expected 4 fields, found 2", 1L),
        summary.badRows().get("ratings.csv"));
    assertEquals(Map.of(), summary.badRows().get("movies.csv"));
    assertEquals(440, summary.ratings().read());
    assertEquals(210, summary.users());
    String json = Files.readString(Path.of(options.preparedDir, "summary.json"));
    assertTrue(json.contains("\"rating outside 0.5 to 5.0\" : 2"), json);
  }

  @Test
  @DisplayName("--on-bad-rows=drop still fails when more rows are bad than --max-bad-fraction")
  void dropModeFailsOnTooManyBadRows() throws IOException {
    List<String> ratings = goodRatings();
    ratings.add("1,2,9.0,100");
    PrepareOptions options = options(MOVIES, ratings);

    String message = failure(options);

    assertTrue(message.contains("1 of 41 rows are bad (2.44%)"), message);
    assertTrue(message.contains("--max-bad-fraction=0.01"), message);
    assertTrue(message.contains("line 42: rating outside 0.5 to 5.0"), message);
  }

  @Test
  @DisplayName("a byte-order mark before the header and CRLF line ends are read as plain CSV")
  void byteOrderMarkIsIgnored() throws IOException {
    List<String> ratings = goodRatings();
    ratings.set(0, "\uFEFF" + RATINGS_HEADER);
    PrepareOptions options = options(MOVIES, ratings);

    PrepareSummary summary = new Preparation(spark, options).run();

    assertEquals(40, summary.ratings().read());
    assertEquals(Map.of(), summary.badRows().get("ratings.csv"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a wrong header   | user,movie,rating,time | found 'user,movie,rating,time'",
      "a missing header | 1,1,4.0,5              | found '1,1,4.0,5'"})
  @DisplayName("a wrong or missing header fails whatever --on-bad-rows says")
  void headerIsChecked(String kind, String header, String found) throws IOException {
    List<String> ratings = goodRatings();
    ratings.set(0, header);

    String message = failure(options(MOVIES, ratings));

    assertTrue(message.contains("ratings.csv line 1: expected the header '" + RATINGS_HEADER
        + "', " + found), message);
  }

  @Test
  @DisplayName("a file that is not CSV at all fails on its first line")
  void binaryFileFails() throws IOException {
    PrepareOptions options = options(MOVIES, goodRatings());
    Files.write(Path.of(options.inputDir, "movies.csv"),
        new byte[] {0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00, 0x0a, 0x00});

    String message = failure(options);

    assertTrue(message.contains("movies.csv line 1: expected the header '" + MOVIES_HEADER),
        message);
  }

  @Test
  @DisplayName("an empty file and a header without rows fail, naming the file")
  void emptyFilesFail() throws IOException {
    PrepareOptions options = options(MOVIES, goodRatings());
    Path ratings = Path.of(options.inputDir, "ratings.csv");

    Files.writeString(ratings, "");
    assertTrue(failure(options).contains("ratings.csv is empty; expected the header line"));

    Files.writeString(ratings, RATINGS_HEADER + "\n");
    assertTrue(failure(options).contains("ratings.csv holds the header but no rows"));
  }

  @Test
  @DisplayName("an input directory that does not exist fails, naming the option and path")
  void missingInputFails() throws IOException {
    PrepareOptions options = options(MOVIES, goodRatings());
    options.inputDir = temp.resolve("nowhere").toString();

    String message = failure(options);

    assertTrue(message.startsWith("option '--input-dir': "), message);
    assertTrue(message.contains("nowhere/movies.csv does not exist"), message);
  }

  @Test
  @DisplayName("no movie left after the year filter and no user left after the minimum fail")
  void emptyResultsFail() throws IOException {
    PrepareOptions options = options(MOVIES, goodRatings());
    options.minYear = 2020;
    assertTrue(failure(options).contains("no movie in"));

    options.minYear = 0;
    options.minInteractions = 5;
    assertTrue(failure(options).contains("no ratings left"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--train-negatives=-1    | option '--train-negatives': expected at least 0, got -1",
      "--max-bad-fraction=2    | option '--max-bad-fraction': expected a fraction",
      "--on-bad-rows=skip      | Invalid value for option '--on-bad-rows'",
      "--min-rating=6          | option '--min-rating': expected at most --max-rating=5.0",
      "--test-negatives=0      | option '--test-negatives': expected at least 1, got 0"})
  @DisplayName("impossible arguments fail with exit code 2 before anything is read or written")
  void badArgumentsFail(String argument, String message) throws IOException {
    PrepareOptions options = options(MOVIES, goodRatings());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream previous = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = JobCommand.execute(new PrepareJob(), "--input-dir", options.inputDir,
          "--prepared-dir", options.preparedDir, argument);
    } finally {
      System.setErr(previous);
    }

    assertEquals(JobCommand.EXIT_USER_ERROR, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(message), err.toString());
    assertFalse(Files.exists(Path.of(options.preparedDir)));
  }

  private String failure(PrepareOptions options) {
    UserError error = assertThrows(UserError.class, () -> new Preparation(spark, options).run());
    assertFalse(Files.exists(Path.of(options.preparedDir)), "output left behind");
    assertFalse(Files.exists(temp.resolve(".prepared.staging")), "staging left behind");
    return error.getMessage();
  }

  private PrepareOptions options(List<String> movies, List<String> ratings) throws IOException {
    Path input = Files.createDirectories(temp.resolve("input"));
    Files.writeString(input.resolve("movies.csv"), String.join("\r\n", movies) + "\r\n");
    Files.writeString(input.resolve("ratings.csv"), String.join("\r\n", ratings) + "\r\n");

    PrepareOptions options = new PrepareOptions();
    options.inputDir = input.toString();
    options.preparedDir = temp.resolve("prepared").toString();
    options.minYear = 0;
    options.minInteractions = 2;
    options.trainNegatives = 1;
    options.testNegatives = 1;
    options.allowFewerNegatives = true;
    options.seed = 1;
    return options;
  }
}
