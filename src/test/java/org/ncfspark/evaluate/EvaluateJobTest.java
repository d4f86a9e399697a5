package org.ncfspark.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.function.IntToDoubleFunction;
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
import org.ncfspark.data.PreparedCheck;
import org.ncfspark.io.Json;
import org.ncfspark.model.NcfVariant;
import org.ncfspark.spark.TestSpark;

class EvaluateJobTest {

  private static final int K = 3;
  private static final int BOOTSTRAP = 50;
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
    int[] sampledRanks = directRanks(false);
    int[] unsampledRanks = directRanks(true);
    assertTrue(mean(sampledRanks, rank -> rank <= K ? 1 : 0) > 0
        && mean(sampledRanks, rank -> rank <= K ? 1 : 0) < 1, "the fixture should mix hits");

    String stdout = runJob(0, args(output, "--score-batch-size", "4"));

    JsonNode metrics = Json.read(Files.readString(output.resolve("metrics.json")), "metrics");
    JsonNode protocol = metrics.get("protocol");
    assertEquals(K, protocol.get("k").get(0).asInt());
    assertEquals(PreparedFixture.USERS, protocol.get("users").asInt());
    assertEquals(PreparedFixture.USERS, protocol.get("unsampledUsers").asInt());
    assertEquals(1 + PreparedFixture.NEGATIVES, protocol.get("candidatesPerUser").asInt());
    assertEquals(PreparedFixture.ITEMS, protocol.get("catalogueItems").asInt());
    assertEquals(BOOTSTRAP, protocol.get("bootstrapSamples").asInt());
    JsonNode source = metrics.get("trained").get("ncf-mlp");
    assertEquals(model.toString(), source.get("modelDir").asText());
    assertEquals("mlp", source.get("variant").asText());
    assertEquals(prepared.toString(), metrics.get("preparedDir").asText());
    assertEquals(3, source.get("model").get("epochs").asInt());
    assertFalse(source.get("model").has("history"));

    JsonNode ncf = metrics.get("models").get("ncf-mlp");
    assertMetrics(ncf.get("sampled"), sampledRanks, PreparedFixture.NEGATIVES);
    int unseenNegatives = PreparedFixture.ITEMS - PreparedFixture.TRAIN_POSITIVES - 1;
    assertMetrics(ncf.get("unsampled"), unsampledRanks, unseenNegatives);
    assertEquals(PreparedFixture.USERS * (1 + unseenNegatives),
        ncf.get("unsampledScoring").get("scores").asInt());
    assertTrue(stdout.contains("| ncf-mlp | "), stdout);

    List<Row> ranks = spark.read().parquet(output.resolve("ranks").toString())
        .filter("protocol = 'sampled' and model = 'ncf-mlp'")
        .orderBy(Columns.USER).collectAsList();
    assertEquals(PreparedFixture.USERS, ranks.size());
    for (Row row : ranks) {
      int user = row.getInt(row.fieldIndex(Columns.USER));
      assertEquals(100 + user, row.getInt(row.fieldIndex(Columns.USER_ID)));
      assertEquals(sampledRanks[user], row.getInt(row.fieldIndex(Columns.RANK)), "user " + user);
    }
  }

  @Test
  @DisplayName("every baseline gets a report row, a metrics.json entry and a line in the PNG")
  void reportsEveryModel() throws Exception {
    Path output = dir.resolve("all-models");

    runJob(0, "--prepared-dir", prepared.toString(), "--model-dir", model.toString(),
        "--evaluation-dir", output.toString(), "--bootstrap-samples", "20", "--als-rank", "4",
        "--als-iterations", "3");

    JsonNode models = Json.read(Files.readString(output.resolve("metrics.json")), "m")
        .get("models");
    assertEquals(List.of("ncf-mlp", "random", "popularity", "als"), fieldNames(models));
    String report = Files.readString(output.resolve("report.md"));
    for (String name : List.of("ncf-mlp", "random", "popularity", "als")) {
      assertTrue(report.contains("| " + name + " | "), report);
    }
    assertTrue(report.contains("HR@10 unsampled"), report);
    byte[] png = Files.readAllBytes(output.resolve("hr_at_k.png"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
        Arrays.copyOf(png, 8));
    assertTrue(png.length > 10_000, "PNG of " + png.length + " bytes");
  }

  @Test
  @DisplayName("several models are named by variant, numbered when repeated, scored alike")
  void comparesSeveralModels() throws Exception {
    Path gmf = dir.resolve("gmf-model");
    PreparedFixture.writeModel(
        TinyModels.graph(NcfVariant.GMF, PreparedFixture.USERS, PreparedFixture.ITEMS, 5), gmf);
    Path output = dir.resolve("several");

    runJob(0, "--prepared-dir", prepared.toString(), "--model-dir", model + "," + gmf + ","
        + model, "--evaluation-dir", output.toString(), "--bootstrap-samples", "20",
        "--baselines", "none");

    JsonNode metrics = Json.read(Files.readString(output.resolve("metrics.json")), "metrics");
    JsonNode models = metrics.get("models");
    assertEquals(List.of("ncf-mlp", "ncf-gmf", "ncf-mlp-2"), fieldNames(models));
    assertEquals(models.get("ncf-mlp").get("sampled"), models.get("ncf-mlp-2").get("sampled"));
    assertEquals(models.get("ncf-mlp").get("unsampled"),
        models.get("ncf-mlp-2").get("unsampled"));
    assertEquals(gmf.toString(), metrics.get("trained").get("ncf-gmf").get("modelDir").asText());
    assertEquals("gmf", metrics.get("trained").get("ncf-gmf").get("variant").asText());
    assertTrue(Files.readString(output.resolve("report.md")).contains("| ncf-gmf | "));
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
            .modelDirs(model.toString())
            .evaluationDir(output.toString())));

    assertTrue(error.getMessage().contains("'" + CandidateCheck.ONE_POSITIVE + "'"),
        error.getMessage());
    assertTrue(error.getMessage().contains("1 of 6 users"), error.getMessage());
    assertTrue(error.getMessage().contains("user 2 has 2"), error.getMessage());
    assertFalse(Files.exists(output));
  }

  @Test
  @DisplayName("a rerun with --overwrite on leaked test positives fails that check, keeping the "
      + "earlier evaluation whole")
  void failedOverwriteKeepsEarlierEvaluation() throws Exception {
    Path output = dir.resolve("earlier");
    runJob(0, args(output));
    String before = Files.readString(output.resolve("metrics.json"));
    List<Row> train = new ArrayList<>(PreparedFixture.trainRows());
    train.add(RowFactory.create(1, PreparedFixture.positive(1), 1));
    Path leaked = dir.resolve("leaked");
    PreparedFixture.writePrepared(spark, leaked, train, PreparedFixture.testRows(),
        PreparedFixture.ITEMS);

    UserError error = assertThrows(UserError.class, () -> new Evaluation(spark).run(
        new EvaluateOptions()
            .preparedDir(leaked.toString())
            .modelDirs(model.toString())
            .evaluationDir(output.toString())
            .overwrite(true)));

    assertTrue(error.getMessage().contains("fails the check '" + PreparedCheck.HELD_OUT
        + "': 1 test positives are also training positives"), error.getMessage());
    assertEquals(before, Files.readString(output.resolve("metrics.json")));
    assertFalse(Files.exists(dir.resolve(".earlier.staging")), "staged output left behind");
  }

  @Test
  @DisplayName("--help lists every option with its default")
  void helpListsOptionsAndDefaults() throws Exception {
    String help = runJob(0, "--help");

    for (String option : List.of("--prepared-dir", "--model-dir", "--evaluation-dir", "--k",
        "--overwrite", "--score-batch-size", "--config", "--bootstrap-samples", "--seed",
        "--baselines", "--full-ranking-users", "--als-rank", "--als-reg", "--als-alpha",
        "--als-iterations")) {
      assertTrue(help.contains(option), option + " missing from:\n" + help);
    }
    assertTrue(help.contains("Default: 4096"), help);
    assertTrue(help.contains("Default: 1,5,10,20"), help);
    assertTrue(help.contains("Default: random,popularity,als"), help);
  }

  @Test
  @DisplayName("required directories may come from the shared --config file")
  void readsDirectoriesFromConfig() throws Exception {
    Path output = dir.resolve("from-config");
    Path config = dir.resolve("job.properties");
    Files.writeString(config, "prepared-dir=" + prepared + "\nmodel-dir=" + model
        + "\nevaluation-dir=" + output + "\nk=1,2\nbaselines=none\nbootstrap-samples=10\n");

    runJob(0, "--config", config.toString());

    JsonNode metrics = Json.read(Files.readString(output.resolve("metrics.json")), "metrics");
    assertEquals("[1,2]", metrics.get("protocol").get("k").toString());
    assertEquals(List.of("ncf-mlp"), fieldNames(metrics.get("models")));
  }

  /**
   * Ranks computed without Spark or RankingMetrics: one direct call per user, against the test
   * negatives, or with {@code unsampled} against every item but the user's training positives.
   */
  private static int[] directRanks(boolean unsampled) {
    int[] ranks = new int[PreparedFixture.USERS];
    for (int user = 0; user < PreparedFixture.USERS; user++) {
      List<Integer> items = new ArrayList<>(List.of(PreparedFixture.positive(user)));
      for (int item = 0; item < PreparedFixture.ITEMS; item++) {
        if (unsampled ? !seen(user, item) : isTestNegative(user, item)) {
          items.add(item);
        }
      }
      int[] users = new int[items.size()];
      Arrays.fill(users, user);
      float[] scores = TinyModels.direct(graph, users,
          items.stream().mapToInt(Integer::intValue).toArray());
      ranks[user] = 1;
      for (int j = 1; j < scores.length; j++) {
        ranks[user] += scores[j] >= scores[0] ? 1 : 0;
      }
    }
    return ranks;
  }

  private static boolean seen(int user, int item) {
    for (int j = 0; j < PreparedFixture.TRAIN_POSITIVES; j++) {
      if (PreparedFixture.trainPositive(user, j) == item) {
        return true;
      }
    }
    return item == PreparedFixture.positive(user);
  }

  private static boolean isTestNegative(int user, int item) {
    for (int j = 0; j < PreparedFixture.NEGATIVES; j++) {
      if (PreparedFixture.negative(user, j) == item) {
        return true;
      }
    }
    return false;
  }

  /** HR@K, NDCG@K, MRR and AUC in metrics.json equal their averages over the direct ranks. */
  private static void assertMetrics(JsonNode protocol, int[] ranks, int negatives) {
    JsonNode metrics = protocol.get("metrics");
    assertEquals(mean(ranks, rank -> rank <= K ? 1 : 0),
        metrics.get("HR@" + K).get("value").asDouble(), EPS);
    assertEquals(mean(ranks, rank -> rank <= K ? Math.log(2) / Math.log(rank + 1) : 0),
        metrics.get("NDCG@" + K).get("value").asDouble(), EPS);
    assertEquals(mean(ranks, rank -> 1.0 / rank), metrics.get("MRR").get("value").asDouble(),
        EPS);
    assertEquals(mean(ranks, rank -> (negatives - (rank - 1)) / (double) negatives),
        metrics.get("AUC").get("value").asDouble(), EPS);
    JsonNode hr = metrics.get("HR@" + K);
    assertTrue(hr.get("low").asDouble() <= hr.get("value").asDouble()
        && hr.get("value").asDouble() <= hr.get("high").asDouble(), hr.toString());
  }

  private static double mean(int[] ranks, IntToDoubleFunction metric) {
    return Arrays.stream(ranks).mapToDouble(metric).average().orElseThrow();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String[] args(Path output, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "--prepared-dir", prepared.toString(),
        "--model-dir", model.toString(),
        "--evaluation-dir", output.toString(),
        "--k", String.valueOf(K),
        "--bootstrap-samples", String.valueOf(BOOTSTRAP),
        "--baselines", "none"));
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
