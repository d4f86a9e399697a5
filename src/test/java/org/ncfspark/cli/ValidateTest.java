package org.ncfspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncfspark.EvaluateJob;
import org.ncfspark.PrepareJob;
import org.ncfspark.RecommendJob;
import org.ncfspark.TrainJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --validate} on every job: with valid options and existing inputs it exits 0 and writes
 * nothing; a missing input or a bad option ends with exit code 2 and one message naming the
 * option and the path. The inputs here are empty stand-ins, because --validate checks that they
 * exist, not what they hold (each job checks that when it runs).
 */
class ValidateTest {

  private static final Path SAMPLE = Path.of("data/ml-latest-small");

  /** Logging starts before stderr is captured, so log lines keep going to the real stderr. */
  private static final Logger LOG = LoggerFactory.getLogger(ValidateTest.class);

  @TempDir
  Path dir;

  private Path prepared;
  private Path model;

  @BeforeEach
  void writeStandIns() throws IOException {
    LOG.debug("stand-in inputs under {}", dir);
    prepared = dir.resolve("prepared");
    for (String part : List.of("train", "test", "users", "items")) {
      Files.createDirectories(prepared.resolve(part));
    }
    Files.writeString(prepared.resolve("summary.json"), "{}");
    model = dir.resolve("model");
    Files.createDirectories(model);
    Files.writeString(model.resolve("model.zip"), "");
  }

  @Test
  @DisplayName("PrepareJob --validate finds the sample's CSVs, exits 0 and writes nothing")
  void prepareValidates() {
    Path output = dir.resolve("new-prepared");

    Result result = run(new PrepareJob(), "--input-dir", SAMPLE.toString(), "--prepared-dir",
        output.toString(), "--validate");

    assertEquals(0, result.code, result.err);
    assertEquals("", result.err);
    assertFalse(Files.exists(output));
    assertFalse(Files.exists(dir.resolve(".new-prepared.staging")));
  }

  @Test
  @DisplayName("PrepareJob --validate names --input-dir and the missing ratings.csv")
  void prepareMissingRatings() throws IOException {
    Path input = Files.createDirectories(dir.resolve("input"));
    Files.copy(SAMPLE.resolve("movies.csv"), input.resolve("movies.csv"));

    Result result = run(new PrepareJob(), "--input-dir", input.toString(), "--prepared-dir",
        dir.resolve("out").toString(), "--validate");

    assertEquals(JobCommand.EXIT_USER_ERROR, result.code);
    assertEquals("PrepareJob: option '--input-dir': " + input.resolve("ratings.csv")
        + " does not exist; expected a MovieLens directory holding movies.csv and ratings.csv",
        result.err.strip());
  }

  @Test
  @DisplayName("PrepareJob --validate rejects an impossible option before looking at inputs")
  void prepareBadOption() {
    Result result = run(new PrepareJob(), "--input-dir", dir.resolve("nowhere").toString(),
        "--prepared-dir", dir.resolve("out").toString(), "--test-negatives", "0", "--validate");

    assertEquals(JobCommand.EXIT_USER_ERROR, result.code);
    assertEquals("PrepareJob: option '--test-negatives': expected at least 1, got 0",
        result.err.strip());
  }

  @Test
  @DisplayName("TrainJob --validate accepts prepared train/ and summary.json, writes no model")
  void trainValidates() {
    Path output = dir.resolve("new-model");

    Result result = run(new TrainJob(), "--prepared-dir", prepared.toString(), "--model-dir",
        output.toString(), "--epochs", "3", "--validate");

    assertEquals(0, result.code, result.err);
    assertFalse(Files.exists(output));
  }

  @Test
  @DisplayName("TrainJob --validate names --prepared-dir and the missing summary.json")
  void trainMissingSummary() throws IOException {
    Files.delete(prepared.resolve("summary.json"));

    Result result = run(new TrainJob(), "--prepared-dir", prepared.toString(), "--model-dir",
        dir.resolve("new-model").toString(), "--validate");

    assertEquals(JobCommand.EXIT_USER_ERROR, result.code);
    assertEquals("TrainJob: option '--prepared-dir': " + prepared.resolve("summary.json")
        + " does not exist; PrepareJob writes it", result.err.strip());
  }

  @Test
  @DisplayName("TrainJob --validate refuses an existing --model-dir unless --overwrite")
  void trainExistingOutput() {
    Result refused = run(new TrainJob(), "--prepared-dir", prepared.toString(), "--model-dir",
        model.toString(), "--validate");
    Result replaced = run(new TrainJob(), "--prepared-dir", prepared.toString(), "--model-dir",
        model.toString(), "--overwrite", "--validate");

    assertEquals(JobCommand.EXIT_USER_ERROR, refused.code);
    assertEquals("TrainJob: option '--model-dir': " + model
        + " already exists; pass --overwrite to replace it", refused.err.strip());
    assertEquals(0, replaced.code, replaced.err);
    assertTrue(Files.exists(model.resolve("model.zip")), "validate removed the old model");
  }

  @Test
  @DisplayName("TrainJob --validate applies the option checks: --epochs 0 is refused")
  void trainBadOption() {
    Result result = run(new TrainJob(), "--prepared-dir", prepared.toString(), "--model-dir",
        dir.resolve("new-model").toString(), "--epochs", "0", "--validate");

    assertEquals(JobCommand.EXIT_USER_ERROR, result.code);
    assertEquals("TrainJob: option '--epochs': must be positive, got 0", result.err.strip());
  }

  @Test
  @DisplayName("EvaluateJob --validate accepts the prepared parts and model.zip")
  void evaluateValidates() {
    Path output = dir.resolve("evaluation");

    Result result = run(new EvaluateJob(), "--prepared-dir", prepared.toString(), "--model-dir",
        model.toString(), "--evaluation-dir", output.toString(), "--validate");

    assertEquals(0, result.code, result.err);
    assertEquals("", result.err);
    assertFalse(Files.exists(output));
  }

  @Test
  @DisplayName("EvaluateJob --validate names --model-dir and the missing model.zip")
  void evaluateMissingModel() throws IOException {
    Files.delete(model.resolve("model.zip"));

    Result result = run(new EvaluateJob(), "--prepared-dir", prepared.toString(), "--model-dir",
        model.toString(), "--evaluation-dir", dir.resolve("evaluation").toString(),
        "--validate");

    assertEquals(JobCommand.EXIT_USER_ERROR, result.code);
    assertEquals("EvaluateJob: option '--model-dir': " + model.resolve("model.zip")
        + " does not exist; TrainJob writes it", result.err.strip());
  }

  @Test
  @DisplayName("EvaluateJob --validate names --prepared-dir and the missing test/")
  void evaluateMissingTest() throws IOException {
    Files.delete(prepared.resolve("test"));

    Result result = run(new EvaluateJob(), "--prepared-dir", prepared.toString(), "--model-dir",
        model.toString(), "--evaluation-dir", dir.resolve("evaluation").toString(),
        "--validate");

    assertEquals(JobCommand.EXIT_USER_ERROR, result.code);
    assertEquals("EvaluateJob: option '--prepared-dir': " + prepared.resolve("test")
        + " does not exist; PrepareJob writes it", result.err.strip());
  }

  @Test
  @DisplayName("RecommendJob --validate accepts the prepared catalogue and model.zip")
  void recommendValidates() {
    Path output = dir.resolve("recommendations");

    Result result = run(new RecommendJob(), "--prepared-dir", prepared.toString(),
        "--model-dir", model.toString(), "--recommendations-dir", output.toString(),
        "--validate");

    assertEquals(0, result.code, result.err);
    assertFalse(Files.exists(output));
  }

  @Test
  @DisplayName("RecommendJob --validate names --prepared-dir and the missing items/")
  void recommendMissingItems() throws IOException {
    Files.delete(prepared.resolve("items"));

    Result result = run(new RecommendJob(), "--prepared-dir", prepared.toString(),
        "--model-dir", model.toString(), "--recommendations-dir",
        dir.resolve("recommendations").toString(), "--validate");

    assertEquals(JobCommand.EXIT_USER_ERROR, result.code);
    assertEquals("RecommendJob: option '--prepared-dir': " + prepared.resolve("items")
        + " does not exist; PrepareJob writes it", result.err.strip());
  }

  @Test
  @DisplayName("RecommendJob --validate rejects --top-n 0 before looking at inputs")
  void recommendBadOption() {
    Result result = run(new RecommendJob(), "--prepared-dir", dir.resolve("nowhere").toString(),
        "--model-dir", model.toString(), "--recommendations-dir",
        dir.resolve("recommendations").toString(), "--top-n", "0", "--validate");

    assertEquals(JobCommand.EXIT_USER_ERROR, result.code);
    assertEquals("RecommendJob: option '--top-n' must be at least 1, got 0",
        result.err.strip());
  }

  @Test
  @DisplayName("the checks list each input found, in order")
  void preflightListsInputs() {
    Preflight preflight = new Preflight("TestJob", new Configuration())
        .input("--a", prepared.resolve("train").toString(), "")
        .input("--b", model.resolve("model.zip").toString(), "");

    assertEquals(List.of(prepared.resolve("train").toString(),
        model.resolve("model.zip").toString()), preflight.inputs());
  }

  @Test
  @DisplayName("spark.hadoop.* settings reach the Hadoop configuration without the prefix")
  void sparkHadoopSettings() {
    SparkConf spark = new SparkConf(false)
        .set("spark.hadoop.fs.s3a.endpoint", "http://store.example:9000")
        .set("spark.executor.memory", "8g");

    Configuration hadoop = Preflight.hadoopConfiguration(spark);

    assertEquals("http://store.example:9000", hadoop.get("fs.s3a.endpoint"));
    assertEquals(null, hadoop.get("spark.executor.memory"));
    assertEquals(null, hadoop.get("executor.memory"));
  }

  private record Result(int code, String err) {}

  private static Result run(Callable<Integer> job, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream previous = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = JobCommand.execute(job, args);
    } finally {
      System.setErr(previous);
    }
    return new Result(code, err.toString(StandardCharsets.UTF_8));
  }
}
