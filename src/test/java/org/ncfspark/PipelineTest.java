package org.ncfspark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.io.Json;
import org.ncfspark.spark.TestSpark;

/**
 * The pipeline end to end: PrepareJob, TrainJob, EvaluateJob and RecommendJob run through their
 * command lines on the bundled MovieLens sample with all years and the notebook's MLP, as
 * conf/sample-notebook.properties does, with two epochs instead of five to keep the test short.
 */
class PipelineTest {

  private static final Path SAMPLE = Path.of("data/ml-latest-small");

  @TempDir
  static Path dir;

  private static JsonNode summary;
  private static JsonNode model;
  private static JsonNode metrics;
  private static List<Row> recommendations;

  @BeforeAll
  static void runPipeline() throws IOException {
    TestSpark.session();
    String prepared = dir.resolve("prepared").toString();
    String modelDir = dir.resolve("model").toString();
    run(new PrepareJob(), "--input-dir", SAMPLE.toString(), "--prepared-dir", prepared,
        "--min-year", "0");
    run(new TrainJob(), "--prepared-dir", prepared, "--model-dir", modelDir, "--epochs", "2");
    run(new EvaluateJob(), "--prepared-dir", prepared, "--model-dir", modelDir,
        "--evaluation-dir", dir.resolve("evaluation").toString(),
        "--baselines", "random,popularity", "--bootstrap-samples", "200");
    run(new RecommendJob(), "--prepared-dir", prepared, "--model-dir", modelDir,
        "--recommendations-dir", dir.resolve("recommendations").toString(), "--users", "1");

    summary = readJson(dir.resolve("prepared/summary.json"));
    model = readJson(dir.resolve("model/model.json"));
    metrics = readJson(dir.resolve("evaluation/metrics.json"));
    recommendations = TestSpark.session().read()
        .parquet(dir.resolve("recommendations/parquet").toString())
        .orderBy("rank").collectAsList();
  }

  private static void run(Callable<Integer> job, String... args) {
    assertEquals(0, JobCommand.execute(job, args), job.getClass().getSimpleName() + " failed");
  }

  private static JsonNode readJson(Path file) throws IOException {
    return Json.read(Files.readString(file), file.toString());
  }

  private static JsonNode sampledHr10(String modelName) {
    return metrics.get("models").get(modelName).get("sampled").get("metrics").get("HR@10");
  }

  @Test
  @DisplayName("the prepared counts are the README's: 610 users, 9711 movies, 501040 rows")
  void preparedCounts() {
    SampleCounts.assertPrepared(summary);
  }

  @Test
  @DisplayName("the model is sized for the prepared data and fitted every row in each epoch")
  void modelMatchesTheData() {
    assertEquals(610, model.get("users").asInt());
    assertEquals(9711, model.get("items").asInt());
    assertEquals(2, model.get("history").size());
    for (JsonNode epoch : model.get("history")) {
      assertEquals(501040, epoch.get("samples").asLong());
    }
    double first = model.get("history").get(0).get("loss").asDouble();
    double last = model.get("history").get(1).get("loss").asDouble();
    assertTrue(last < first && first < Math.log(2), "losses " + first + ", " + last);
  }

  @Test
  @DisplayName("the trained model ranks far above random, whose HR@10 is near 10 in 100")
  void modelBeatsRandom() {
    JsonNode ncf = sampledHr10("ncf-mlp");
    JsonNode random = sampledHr10("random");

    assertTrue(random.get("low").asDouble() < 0.10 && 0.10 < random.get("high").asDouble(),
        "random HR@10 interval " + random);
    assertTrue(ncf.get("value").asDouble() > 0.45, "NCF HR@10 " + ncf);
    assertTrue(ncf.get("low").asDouble() > random.get("high").asDouble());
  }

  @Test
  @DisplayName("user 1 gets 10 movies, none of which user 1 rated in ratings.csv")
  void recommendsUnseenMovies() throws IOException {
    Set<Integer> rated;
    try (Stream<String> lines = Files.lines(SAMPLE.resolve("ratings.csv"))) {
      rated = lines.skip(1)
          .map(line -> line.split(","))
          .filter(fields -> fields[0].equals("1"))
          .map(fields -> Integer.parseInt(fields[1]))
          .collect(Collectors.toSet());
    }

    assertEquals(10, recommendations.size());
    for (int i = 0; i < recommendations.size(); i++) {
      Row row = recommendations.get(i);
      assertEquals(1, row.<Integer>getAs("userId"));
      assertEquals(i + 1, row.<Integer>getAs("rank"));
      int movieId = row.getAs("movieId");
      assertTrue(!rated.contains(movieId), "user 1 rated movie " + movieId);
    }
  }
}
