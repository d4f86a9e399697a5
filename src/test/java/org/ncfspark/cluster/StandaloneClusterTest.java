package org.ncfspark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ncfspark.ApplicationJar;
import org.ncfspark.SampleCounts;
import org.ncfspark.EvaluateJob;
import org.ncfspark.TrainJob;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.cluster.StandaloneCluster.Running;
import org.ncfspark.cluster.StandaloneCluster.Submission;
import org.ncfspark.io.Json;
import org.ncfspark.spark.TestSpark;

/**
 * PrepareJob, TrainJob and EvaluateJob submitted in the application jar to a real Spark
 * standalone cluster (deploy/standalone/local-cluster: a master and two workers, each worker
 * launching its own executor JVM), with training averaged across the two executors; the results
 * are checked against the sample's known counts and against the same training and evaluation in
 * local mode. Logs of the daemons, executors and drivers stay under target/standalone-cluster/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {

  private static final Path SAMPLE = Path.of("data/ml-latest-small").toAbsolutePath();
  private static final Path SPARK_HOME = Path.of("target/spark-3.5.9").toAbsolutePath();
  private static final Path DIR = Path.of("target/standalone-cluster").toAbsolutePath();
  private static final Path CLUSTER_DIR = DIR.resolve("cluster");
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);
  private static final String EPOCHS = "2";

  /**
   * The cluster and local mode train on the same rows in the same two partitions with the same
   * seeds, so they differ only in the order floating-point sums are taken (they have agreed to
   * every digit). 0.02 is 12 of 610 users: more than that order can move HR@10, far less than a
   * training run that went wrong (a random model scores 0.10, two epochs here about 0.34).
   */
  private static final double HR_TOLERANCE = 0.02;

  /** Random candidates score 0.10; two epochs averaged over two workers reach about 0.34. */
  private static final double HR_FLOOR = 0.25;

  private static final List<String> EVALUATION_OPTIONS = List.of(
      "--baselines", "none", "--bootstrap-samples", "50", "--full-ranking-users", "10");

  private static final Pattern AVERAGING_STAGE = Pattern.compile(
      "Submitting \\d+ missing tasks from (?:Result|ShuffleMap)Stage (\\d+) "
          + "\\(.*ParameterAveragingTrainingMaster");
  private static final Pattern FINISHED_TASK = Pattern.compile(
      "Finished task [\\d.]+ in stage (\\d+)\\.\\d+ .* \\(executor (\\d+)\\)");

  /** How often the lost-worker test looks for the end of the first epoch in the driver log. */
  private static final Duration POLL = Duration.ofMillis(200);

  private static StandaloneCluster cluster;
  private static List<ProcessHandle> daemons = List.of();
  private static Submission train;
  private static JsonNode summary;
  private static JsonNode model;
  private static JsonNode clusterMetrics;
  private static JsonNode localMetrics;

  @BeforeAll
  static void runOnClusterAndLocally() throws IOException {
    ApplicationJar.require();
    deleteOutputs();
    cluster = StandaloneCluster.start(SPARK_HOME, CLUSTER_DIR);
    daemons = daemonProcesses();

    String prepared = output("prepared");
    submit("prepare", "PrepareJob", "--input-dir", SAMPLE.toString(),
        "--prepared-dir", prepared, "--min-year", "0");
    train = submit("train", "TrainJob", "--prepared-dir", prepared,
        "--model-dir", output("model"), "--workers", "2", "--epochs", EPOCHS);
    submit("evaluate", "EvaluateJob",
        evaluateArgs(prepared, output("model"), output("evaluation")));

    TestSpark.session();
    runLocally(new TrainJob(), "--prepared-dir", prepared, "--model-dir", output("local-model"),
        "--workers", "2", "--epochs", EPOCHS);
    runLocally(new EvaluateJob(),
        evaluateArgs(prepared, output("local-model"), output("local-evaluation")));

    summary = readJson(output("prepared/summary.json"));
    model = readJson(output("model/model.json"));
    clusterMetrics = readJson(output("evaluation/metrics.json"));
    localMetrics = readJson(output("local-evaluation/metrics.json"));
  }

  /** Runs even when the start or a job failed, and checks that no daemon or executor is left. */
  @AfterAll
  static void stopCluster() throws InterruptedException {
    List<ProcessHandle> started = new ArrayList<>(daemons);
    daemons.forEach(daemon -> daemon.descendants().forEach(started::add));
    StandaloneCluster.stop(SPARK_HOME, CLUSTER_DIR);

    for (ProcessHandle process : started) {
      for (int i = 0; i < 20 && process.isAlive(); i++) {
        Thread.sleep(500);
      }
      assertTrue(!process.isAlive(), "pid " + process.pid() + " still runs after stop: "
          + process.info().commandLine().orElse("?"));
    }
  }

  private static void deleteOutputs() throws IOException {
    if (!Files.exists(DIR)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(DIR)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** The master and the workers, found through the pid files of the script. */
  private static List<ProcessHandle> daemonProcesses() {
    List<ProcessHandle> handles = new ArrayList<>();
    for (String daemon : List.of("master", "worker-1", "worker-2")) {
      ProcessHandle.of(cluster.pid(daemon)).ifPresent(handles::add);
    }
    return handles;
  }

  private static String output(String name) {
    return DIR.resolve(name).toString();
  }

  private static String[] evaluateArgs(String prepared, String modelDir, String evaluationDir) {
    List<String> args = new ArrayList<>(List.of("--prepared-dir", prepared, "--model-dir",
        modelDir, "--evaluation-dir", evaluationDir));
    args.addAll(EVALUATION_OPTIONS);
    return args.toArray(String[]::new);
  }

  private static Submission submit(String name, String jobClass, String... args) {
    Submission submission = cluster.submit(name, JOB_TIMEOUT, jobClass, args);
    assertEquals(0, submission.exitCode(), name + " failed on the cluster; see "
        + submission.log() + " and the executor logs under " + cluster.dir());
    return submission;
  }

  private static void runLocally(Callable<Integer> job, String... args) {
    assertEquals(0, JobCommand.execute(job, args),
        job.getClass().getSimpleName() + " failed in local mode");
  }

  private static JsonNode readJson(String file) {
    try {
      return Json.read(Files.readString(Path.of(file)), file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode sampledHr10(JsonNode metrics) {
    return metrics.get("models").get("ncf-mlp").get("sampled").get("metrics").get("HR@10");
  }

  @Test
  @DisplayName("PrepareJob on the cluster gives local mode's counts: 610 users, 9711 movies, "
      + "501040 training and 61000 test rows")
  void preparedCountsAsInLocalMode() {
    SampleCounts.assertPrepared(summary);
  }

  @Test
  @DisplayName("TrainJob fitted every row each epoch with two workers")
  void trainedEveryRowWithTwoWorkers() {
    assertEquals(2, model.get("hyperparameters").get("workers").asInt());
    assertEquals(Integer.parseInt(EPOCHS), model.get("history").size());
    for (JsonNode epoch : model.get("history")) {
      assertEquals(501040, epoch.get("samples").asLong());
    }
  }

  @Test
  @DisplayName("every parameter-averaging round ran its two tasks on both executors")
  void averagedAcrossBothExecutors() {
    Set<String> averagingStages = new TreeSet<>();
    Map<String, Set<String>> executorsByStage = new HashMap<>();
    for (String line : train.logText().split("\n")) {
      Matcher stage = AVERAGING_STAGE.matcher(line);
      if (stage.find()) {
        averagingStages.add(stage.group(1));
      }
      Matcher task = FINISHED_TASK.matcher(line);
      if (task.find()) {
        executorsByStage.computeIfAbsent(task.group(1), k -> new TreeSet<>()).add(task.group(2));
      }
    }

    assertTrue(averagingStages.size() >= Integer.parseInt(EPOCHS),
        "averaging stages " + averagingStages + " in " + train.log());
    for (String stage : averagingStages) {
      assertEquals(Set.of("0", "1"), executorsByStage.get(stage), "executors of stage " + stage);
    }
  }

  @Test
  @DisplayName("EvaluateJob on the cluster gives an HR@10 within 0.02 of local mode's")
  void hitRateAsInLocalMode() {
    double onCluster = sampledHr10(clusterMetrics).get("value").asDouble();
    double local = sampledHr10(localMetrics).get("value").asDouble();

    assertEquals(local, onCluster, HR_TOLERANCE, "HR@10 on the cluster and in local mode");
    assertTrue(onCluster > HR_FLOOR, "HR@10 " + onCluster);
  }

  /**
   * Kills worker 2 and its executor (SIGKILL, as when a machine is lost) once the first epoch is
   * done. Spark re-runs the lost task on the other executor and recomputes the lost cached
   * partitions; each partition's minibatches are seeded by epoch and partition, so the retried
   * round fits exactly what the lost one would have, and the losses equal the undisturbed run's.
   * Runs last, because the cluster then has one worker left.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  @DisplayName("TrainJob survives losing a worker mid-training, with the undisturbed run's losses")
  void trainingSurvivesALostWorker() throws IOException, InterruptedException {
    Running running = cluster.launch("train-lost-worker", "TrainJob", "--prepared-dir",
        output("prepared"), "--model-dir", output("model-lost-worker"), "--workers", "2",
        "--epochs", EPOCHS);
    awaitLogLine(running, "Epoch 1/" + EPOCHS);
    ProcessHandle worker = ProcessHandle.of(cluster.pid("worker-2")).orElseThrow();
    List<ProcessHandle> executors = worker.descendants().toList();
    worker.destroyForcibly();
    executors.forEach(ProcessHandle::destroyForcibly);
    Submission submission = cluster.finish(running, JOB_TIMEOUT);

    assertEquals(0, submission.exitCode(), "see " + submission.log());
    String log = submission.logText();
    int lost = log.indexOf("Lost executor");
    assertTrue(lost >= 0 && lost < log.indexOf("Epoch " + EPOCHS + "/" + EPOCHS),
        "no executor was lost during training; see " + submission.log());
    JsonNode history = readJson(output("model-lost-worker/model.json")).get("history");
    assertEquals(model.get("history").size(), history.size());
    for (int epoch = 0; epoch < history.size(); epoch++) {
      JsonNode undisturbed = model.get("history").get(epoch);
      assertEquals(501040, history.get(epoch).get("samples").asLong());
      assertEquals(undisturbed.get("loss").asDouble(), history.get(epoch).get("loss").asDouble(),
          1e-6, "loss of epoch " + (epoch + 1));
    }
  }

  private static void awaitLogLine(Running running, String text)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    while (!Files.readString(running.log()).contains(text)) {
      assertTrue(running.process().isAlive(), running.name() + " ended before logging '" + text
          + "'; see " + running.log());
      assertTrue(System.nanoTime() < deadline, "no '" + text + "' in " + running.log());
      Thread.sleep(POLL.toMillis());
    }
  }
}
