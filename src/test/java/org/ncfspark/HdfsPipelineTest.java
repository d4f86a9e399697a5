package org.ncfspark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.io.Json;
import org.ncfspark.spark.TestSpark;

/**
 * The four jobs with every input and output on HDFS (an in-process MiniDFSCluster, local Spark):
 * the MovieLens sample is copied into HDFS, and the prepared data, the model with its
 * checkpoints, the metrics and the recommendations are read back from there.
 */
class HdfsPipelineTest {

  private static final java.nio.file.Path SAMPLE = java.nio.file.Path.of("data/ml-latest-small");

  @TempDir
  static java.nio.file.Path dir;

  private static MiniDFSCluster hdfs;
  private static FileSystem fs;
  private static String root;

  @BeforeAll
  static void runPipelineOnHdfs() throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
    root = fs.getUri() + "/ncf";
    for (String file : List.of("movies.csv", "ratings.csv")) {
      fs.copyFromLocalFile(new Path(SAMPLE.resolve(file).toAbsolutePath().toUri()),
          new Path(root + "/input/" + file));
    }

    TestSpark.session();
    run(new PrepareJob(), "--input-dir", root + "/input", "--prepared-dir", root + "/prepared",
        "--min-year", "0");
    run(new TrainJob(), "--prepared-dir", root + "/prepared", "--model-dir", root + "/model",
        "--epochs", "1");
    run(new EvaluateJob(), "--prepared-dir", root + "/prepared", "--model-dir", root + "/model",
        "--evaluation-dir", root + "/evaluation", "--baselines", "random,popularity",
        "--bootstrap-samples", "50", "--full-ranking-users", "10");
    run(new RecommendJob(), "--prepared-dir", root + "/prepared", "--model-dir",
        root + "/model", "--recommendations-dir", root + "/recommendations", "--users", "1");
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  private static void run(Callable<Integer> job, String... args) {
    assertEquals(0, JobCommand.execute(job, args), job.getClass().getSimpleName() + " failed");
  }

  private static JsonNode readJson(String path) throws IOException {
    try (InputStream in = fs.open(new Path(path))) {
      return Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
    }
  }

  private static Set<String> names(String path) throws IOException {
    return Arrays.stream(fs.listStatus(new Path(path)))
        .map(FileStatus::getPath)
        .map(Path::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  @DisplayName("prepared data read back from HDFS has the sample's counts")
  void preparedCountsOnHdfs() throws IOException {
    JsonNode summary = readJson(root + "/prepared/summary.json");

    SampleCounts.assertPrepared(summary);
    assertEquals(SampleCounts.TRAIN_POSITIVES + SampleCounts.TRAIN_NEGATIVES,
        TestSpark.session().read().parquet(root + "/prepared/train").count());
    assertEquals(SampleCounts.TEST_ROWS,
        TestSpark.session().read().parquet(root + "/prepared/test").count());
  }

  @Test
  @DisplayName("the model, its description and the epoch checkpoint are files on HDFS")
  void modelOnHdfs() throws IOException {
    JsonNode model = readJson(root + "/model/model.json");

    assertEquals(Set.of("model.zip", "model.json", "checkpoints"), names(root + "/model"));
    assertEquals(Set.of("epoch-1.zip", "epoch-1.json"), names(root + "/model/checkpoints"));
    assertTrue(fs.getFileStatus(new Path(root + "/model/model.zip")).getLen() > 100_000);
    assertEquals(1, model.get("history").size());
    assertEquals(501040, model.get("history").get(0).get("samples").asLong());
  }

  @Test
  @DisplayName("metrics on HDFS: random near 10 in 100, popularity the sample's 0.589, NCF above "
      + "random")
  void metricsOnHdfs() throws IOException {
    JsonNode models = readJson(root + "/evaluation/metrics.json").get("models");
    JsonNode ncf = models.get("ncf-mlp").get("sampled").get("metrics").get("HR@10");
    JsonNode random = models.get("random").get("sampled").get("metrics").get("HR@10");
    JsonNode popularity = models.get("popularity").get("sampled").get("metrics").get("HR@10");

    assertTrue(random.get("low").asDouble() < 0.10 && 0.10 < random.get("high").asDouble(),
        "random HR@10 " + random);
    assertEquals(0.589, popularity.get("value").asDouble(), 0.0005);
    assertTrue(ncf.get("value").asDouble() > random.get("high").asDouble(), "NCF HR@10 " + ncf);
    assertTrue(names(root + "/evaluation").containsAll(
        Set.of("metrics.json", "report.md", "hr_at_k.png", "ranks")));
  }

  @Test
  @DisplayName("recommendations read back from HDFS: user 1's top 10, ranked 1 to 10")
  void recommendationsOnHdfs() {
    List<Row> rows = TestSpark.session().read()
        .parquet(root + "/recommendations/parquet")
        .orderBy("rank")
        .collectAsList();

    assertEquals(10, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(1, rows.get(i).<Integer>getAs("userId"));
      assertEquals(i + 1, rows.get(i).<Integer>getAs("rank"));
    }
  }

  @Test
  @DisplayName("every job published its output by rename: no staging directory is left on HDFS")
  void noStagingLeft() throws IOException {
    assertEquals(Set.of("input", "prepared", "model", "evaluation", "recommendations"),
        names(root));
  }
}
