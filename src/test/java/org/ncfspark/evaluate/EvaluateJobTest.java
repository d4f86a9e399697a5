package org.ncfspark.evaluate;

import org.ncfspark.spark.TestSpark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncfspark.EvaluateJob;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.cli.UserError;
import org.ncfspark.data.Columns;
import org.ncfspark.io.Json;

class EvaluateJobTest {

  private static final int K = 3;
  private static final double EPS = 1e-9;

  @TempDir
  static Path dir;

  private static SparkSession spark;
  private static ComputationGraph graph;
  private static Path prepared;
  private static Path model;

  @BeforeAll
  static void writeInputs() {
    spark = TestSpark.session();
    // Seed 3 ranks the six positives 8, 7, 1, 2, 3 and 10: hits and misses at K = 3.
    graph = TinyModels.graph(PreparedFixture.USERS, PreparedFixture.ITEMS, 3);
    prepared = dir.resolve("prepared");
    model = dir.resolve("model");
    PreparedFixture.writePrepared(spark, prepared, PreparedFixture.testRows());
    PreparedFixture.writeModel(graph, model);
  }

  @Test
  @DisplayName("metrics.json and ranks/ match ranks computed directly from graph.output")
  void metricsMatchAnIndependentComputation() throws Exception {
    Path output = dir.resolve("evaluation");
    int[] expectedRanks = directRanks();
    double expectedHr = 0;
    double expectedNdcg = 0;
    for (int rank : expectedRanks) {
      expectedHr += rank <= K ? 1.0 / expectedRanks.length : 0;
      expectedNdcg += rank <= K ? Math.log(2) / Math.log(rank + 1) / expectedRanks.length : 0;
    }

    assertTrue(expectedHr > 0 && expectedHr < 1, "the fixture should mix hits and misses");

    String stdout = runJob(0, args(output, "--score-batch-size", "4"));

    JsonNode metrics = Json.read(Files.readString(output.resolve("metrics.json")), "metrics");
    assertEquals(K, metrics.get("k").asInt());
    assertEquals(expectedHr, metrics.get("hr").asDouble(), EPS);
    assertEquals(expectedNdcg, metrics.get("ndcg").asDouble(), EPS);
    assertEquals(PreparedFixture.USERS, metrics.get("users").asInt());
    assertEquals(1 + PreparedFixture.NEGATIVES, metrics.get("candidatesPerUser").asInt());
    assertEquals(model.toString(), metrics.get("modelDir").asText());
    assertEquals(prepared.toString(), metrics.get("preparedDir").asText());
    assertEquals(3, metrics.get("model").get("epochs").asInt());
    assertFalse(metrics.get("model").has("history"));
    assertTrue(stdout.contains(String.format(Locale.ROOT, "HR@3 = %.4f, NDCG@3 = %.4f over 6 users"
        + " (10 candidates each)", expectedHr, expectedNdcg)), stdout);

    List<Row> ranks = spark.read().parquet(output.resolve("ranks").toString())
        .orderBy(Columns.USER).collectAsList();
    assertEquals(PreparedFixture.USERS, ranks.size());
    for (Row row : ranks) {
      int user = row.getInt(row.fieldIndex(Columns.USER));
      assertEquals(100 + user, row.getInt(row.fieldIndex(Columns.USER_ID)));
      assertEquals(expectedRanks[user], row.getInt(row.fieldIndex(Columns.RANK)), "user " + user);
      assertEquals(expectedRanks[user] <= K ? 1 : 0, row.getInt(row.fieldIndex(UserRanks.HIT)));
    }
  }

  @Test
  @DisplayName("an existing evaluation dir is refused (exit 2, kept) unless --overwrite")
  void refusesExistingOutputWithoutOverwrite() throws Exception {
    Path output = dir.resolve("existing");
    Files.createDirectories(output);
    Files.writeString(output.resolve("keep.txt"), "earlier run");

    runJob(JobCommand.EXIT_USER_ERROR, args(output));
    assertTrue(Files.exists(output.resolve("keep.txt")));
    assertFalse(Files.exists(output.resolve("metrics.json")));

    runJob(0, args(output, "--overwrite"));
    assertFalse(Files.exists(output.resolve("keep.txt")));
    assertTrue(Files.exists(output.resolve("metrics.json")));
  }

  @Test
  @DisplayName("test data with two positives for one user fails that check, writing nothing")
  void rejectsTwoPositivesForOneUser() {
    List<Row> rows = PreparedFixture.testRows();
    rows.set(rows.indexOf(RowFactory.create(2, PreparedFixture.negative(2, 0), 0)),
        RowFactory.create(2, PreparedFixture.negative(2, 0), 1));
    Path badPrepared = dir.resolve("two-positives");
    PreparedFixture.writePrepared(spark, badPrepared, rows);
    Path output = dir.resolve("two-positives-evaluation");

    UserError error = assertThrows(UserError.class, () -> new Evaluation(spark).run(
        new EvaluateOptions()
            .preparedDir(badPrepared.toString())
            .modelDir(model.toString())
            .evaluationDir(output.toString())));

    assertTrue(error.getMessage().contains("'" + CandidateCheck.ONE_POSITIVE + "'"),
        error.getMessage());
    assertTrue(error.getMessage().contains("1 of 6 users"), error.getMessage());
    assertTrue(error.getMessage().contains("user 2 has 2"), error.getMessage());
    assertFalse(Files.exists(output));
  }

  @Test
  @DisplayName("--help lists every option with its default")
  void helpListsOptionsAndDefaults() throws Exception {
    String help = runJob(0, "--help");

    for (String option : List.of("--prepared-dir", "--model-dir", "--evaluation-dir", "--k",
        "--overwrite", "--score-batch-size", "--config")) {
      assertTrue(help.contains(option), option + " missing from:\n" + help);
    }
    assertTrue(help.contains("Default: 4096"), help);
    assertTrue(help.contains("Default: 10"), help);
  }

  @Test
  @DisplayName("required directories may come from the shared --config file")
  void readsDirectoriesFromConfig() throws Exception {
    Path output = dir.resolve("from-config");
    Path config = dir.resolve("job.properties");
    Files.writeString(config, "prepared-dir=" + prepared + "\nmodel-dir=" + model
        + "\nevaluation-dir=" + output + "\nk=1\n");

    runJob(0, "--config", config.toString());

    JsonNode metrics = Json.read(Files.readString(output.resolve("metrics.json")), "metrics");
    assertEquals(1, metrics.get("k").asInt());
  }

  /** Ranks computed without Spark or RankingMetrics: one direct call per user. */
  private static int[] directRanks() {
    int[] ranks = new int[PreparedFixture.USERS];
    for (int user = 0; user < PreparedFixture.USERS; user++) {
      int[] users = new int[1 + PreparedFixture.NEGATIVES];
      int[] items = new int[users.length];
      Arrays.fill(users, user);
      items[0] = PreparedFixture.positive(user);
      for (int j = 0; j < PreparedFixture.NEGATIVES; j++) {
        items[1 + j] = PreparedFixture.negative(user, j);
      }
      float[] scores = TinyModels.direct(graph, users, items);
      ranks[user] = 1;
      for (int j = 1; j < scores.length; j++) {
        ranks[user] += scores[j] >= scores[0] ? 1 : 0;
      }
    }
    return ranks;
  }

  private static String[] args(Path output, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "--prepared-dir", prepared.toString(),
        "--model-dir", model.toString(),
        "--evaluation-dir", output.toString(),
        "--k", String.valueOf(K)));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  /** Runs the job as main would, asserting its exit code; returns what it printed to stdout. */
  private static String runJob(int expectedExit, String... args) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      assertEquals(expectedExit, JobCommand.execute(new EvaluateJob(), args));
    } finally {
      System.setOut(stdout);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
