package org.ncfspark.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncfspark.RecommendJob;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.data.Columns;
import org.ncfspark.evaluate.PreparedFixture;
import org.ncfspark.evaluate.TinyModels;
import org.ncfspark.spark.TestSpark;

class RecommendJobTest {

  private static final int TOP_N = 5;

  @TempDir
  static Path dir;

  private static SparkSession spark;
  private static ComputationGraph graph;
  private static Path prepared;
  private static Path model;

  @BeforeAll
  static void writeInputs() {
    spark = TestSpark.session();
    graph = TinyModels.graph(PreparedFixture.USERS, PreparedFixture.ITEMS, 5);
    prepared = dir.resolve("prepared");
    model = dir.resolve("model");
    PreparedFixture.writePrepared(spark, prepared, PreparedFixture.testRows());
    PreparedFixture.writeModel(graph, model);
  }

  @Test
  @DisplayName("each chosen user gets the model's top 5 of the 16 unseen movies, none seen")
  void recommendsTheBestUnseenMovies() throws Exception {
    Path output = dir.resolve("recommendations");

    String stdout = runJob(0, "--prepared-dir", prepared.toString(), "--model-dir",
        model.toString(), "--recommendations-dir", output.toString(), "--top-n",
        String.valueOf(TOP_N), "--users", "100,103", "--score-batch-size", "3", "--show", "1");

    List<Row> rows = spark.read().parquet(output.resolve("parquet").toString())
        .orderBy(Columns.USER_ID, Columns.RANK).collectAsList();
    assertEquals(2 * TOP_N, rows.size());
    for (int user : new int[] {0, 3}) {
      List<Row> mine = rows.stream().filter(r -> r.getInt(0) == 100 + user).toList();
      List<Integer> movies = mine.stream().map(r -> r.getInt(2) - 1000).toList();
      assertEquals(expectedTop(user), movies, "user " + user);
      assertEquals(TOP_N, new HashSet<>(movies).size());
      assertEquals(List.of(1, 2, 3, 4, 5), mine.stream().map(r -> r.getInt(1)).toList());
      for (int item : movies) {
        assertFalse(seen(user).contains(item), "user " + user + " has seen " + item);
      }
      assertEquals("Movie " + movies.get(0) + " (2000)", mine.get(0).getString(3));
    }
    assertTrue(Files.list(output.resolve("csv")).anyMatch(p -> p.toString().endsWith(".csv")));
    assertTrue(stdout.contains("## User 100"), stdout);
    assertFalse(stdout.contains("## User 103"), stdout);
    assertTrue(stdout.contains("Movie " + PreparedFixture.positive(0) + " (2000) (the "
        + "held-out latest"), stdout);
    assertEquals(stdout, Files.readString(output.resolve("recommendations.md")));
  }

  @Test
  @DisplayName("an unknown userId is refused with exit 2, naming it, and writes nothing")
  void refusesUnknownUsers() {
    Path output = dir.resolve("unknown");

    runJob(JobCommand.EXIT_USER_ERROR, "--prepared-dir", prepared.toString(), "--model-dir",
        model.toString(), "--recommendations-dir", output.toString(), "--users", "100,999");

    assertFalse(Files.exists(output));
  }

  @Test
  @DisplayName("a failed rerun with --overwrite and a rerun without it keep the earlier output")
  void earlierOutputSurvivesReruns() throws Exception {
    Path output = dir.resolve("earlier");
    List<String> args = List.of("--prepared-dir", prepared.toString(), "--model-dir",
        model.toString(), "--recommendations-dir", output.toString());
    runJob(0, with(args, "--users", "100"));
    String before = Files.readString(output.resolve("recommendations.md"));

    runJob(JobCommand.EXIT_USER_ERROR, with(args, "--users", "101,999", "--overwrite"));
    assertEquals(before, Files.readString(output.resolve("recommendations.md")));
    assertFalse(Files.exists(dir.resolve(".earlier.staging")), "staged output left behind");

    runJob(JobCommand.EXIT_USER_ERROR, with(args, "--users", "101"));
    assertEquals(before, Files.readString(output.resolve("recommendations.md")));
  }

  private static String[] with(List<String> args, String... extra) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }

  private static Set<Integer> seen(int user) {
    Set<Integer> seen = new HashSet<>(List.of(PreparedFixture.positive(user)));
    for (int j = 0; j < PreparedFixture.TRAIN_POSITIVES; j++) {
      seen.add(PreparedFixture.trainPositive(user, j));
    }
    return seen;
  }

  /** The top items by one direct graph call over every unseen item. */
  private static List<Integer> expectedTop(int user) {
    int[] items = IntStream.range(0, PreparedFixture.ITEMS).filter(i -> !seen(user).contains(i))
        .toArray();
    assertEquals(16, items.length);
    int[] users = new int[items.length];
    Arrays.fill(users, user);
    float[] scores = TinyModels.direct(graph, users, items);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < items.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]));
    return order.subList(0, TOP_N).stream().map(i -> items[i]).toList();
  }

  private static String runJob(int expectedExit, String... args) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      assertEquals(expectedExit, JobCommand.execute(new RecommendJob(), args));
    } finally {
      System.setOut(stdout);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
