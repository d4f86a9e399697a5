package org.ncfspark.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncfspark.ApplicationJar;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.io.Json;
import org.ncfspark.spark.TestSpark;
import org.slf4j.LoggerFactory;

/**
 * deploy/airflow/ncf_spark_dag.py, read by python3 against the Airflow stand-in in
 * deploy/airflow/test/stubs (Airflow itself cannot be installed here), rendered with a run's
 * params, and each task's class run with its rendered arguments.
 *
 * <p>The tasks run in order, as Airflow would run them: each is first run with --validate, then
 * for real, on the first 20 users of the bundled sample. A downstream task cannot be validated
 * before its upstream ran, because its inputs are their outputs; the test checks that it fails
 * then, naming the missing input. Each --validate runs the task's class from the application
 * jar in a JVM of its own, with Spark and Hadoop beside it as a cluster provides them; the real
 * runs then use this JVM's shared test Spark session. spark-submit itself is not run.
 */
class AirflowDagTest {

  private static final Path DAG = Path.of("deploy/airflow/ncf_spark_dag.py");
  private static final Path RENDER = Path.of("deploy/airflow/test/render_dag.py");
  private static final Path SAMPLE = Path.of("data/ml-latest-small");
  private static final int USERS = 20;
  private static final List<String> ORDER = List.of("prepare", "train", "evaluate", "recommend");

  @TempDir
  static Path dir;

  private static JsonNode dag;
  private static final Map<String, Integer> validated = new LinkedHashMap<>();
  private static final Map<String, Integer> ran = new LinkedHashMap<>();
  private static final StringBuilder errors = new StringBuilder();
  private static Outcome trainBeforePrepare;

  @BeforeAll
  static void renderAndRunTheDag() throws Exception {
    LoggerFactory.getLogger(AirflowDagTest.class).info("Rendering {}", DAG);
    TestSpark.session();
    Path input = writeInput();
    dag = render(Map.of(), "{\"application\": \"/jars/ncf-spark-app.jar\", \"input_dir\": \""
        + input + "\", \"work_dir\": \"" + dir.resolve("work") + "\", \"min_year\": 0, "
        + "\"epochs\": 1, \"bootstrap_samples\": 100}");

    for (JsonNode task : dag.get("tasks")) {
      String id = task.get("task_id").asText();
      if (id.equals("prepare")) {
        trainBeforePrepare = validate(task("train"));
      }
      Outcome validation = validate(task);
      Outcome run = run(task);
      validated.put(id, validation.code);
      ran.put(id, run.code);
      errors.append(validation.err).append(run.err);
    }
  }

  @Test
  @DisplayName("the DAG chains prepare >> train >> evaluate >> recommend, each retried twice")
  void tasksInOrder() {
    List<String> ids = new ArrayList<>();
    for (JsonNode task : dag.get("tasks")) {
      String id = task.get("task_id").asText();
      int position = ids.size();
      ids.add(id);
      assertEquals(position == 0 ? List.of() : List.of(ORDER.get(position - 1)),
          strings(task.get("upstream")), id);
      assertEquals(position == 3 ? List.of() : List.of(ORDER.get(position + 1)),
          strings(task.get("downstream")), id);
      assertEquals(2, task.get("retries").asInt(), id);
      assertEquals(300.0, task.get("retry_delay_s").asDouble(), id);
      assertEquals("SparkSubmitOperator", task.get("operator").asText(), id);
      assertEquals("spark_default", task.get("conn_id").asText(), id);
      assertEquals("/jars/ncf-spark-app.jar", task.get("application").asText(), id);
    }
    assertEquals(ORDER, ids);
    assertEquals(List.of("org.ncfspark.PrepareJob", "org.ncfspark.TrainJob",
        "org.ncfspark.EvaluateJob", "org.ncfspark.RecommendJob"),
        dag.get("tasks").findValuesAsText("java_class"));
  }

  @Test
  @DisplayName("the run's params reach the arguments: paths under work_dir, one epoch")
  void paramsRendered() {
    String work = dir.resolve("work").toString();
    List<String> train = strings(task("train").get("application_args"));

    assertEquals(List.of("--prepared-dir", work + "/prepared", "--model-dir", work + "/model",
        "--epochs", "1", "--batch-size", "512", "--workers", "1", "--seed", "42",
        "--overwrite"), train);
    assertTrue(strings(task("prepare").get("application_args"))
        .containsAll(List.of("--min-year", "0")));
    assertEquals("6g",
        task("train").get("conf").get("spark.executor.memoryOverhead").asText());
    assertEquals("-Dorg.bytedeco.javacpp.maxbytes=4g -Dorg.bytedeco.javacpp.maxphysicalbytes=13g",
        task("evaluate").get("conf").get("spark.executor.extraJavaOptions").asText());
  }

  @Test
  @DisplayName("the default JavaCPP process limit lies under executor memory plus overhead")
  void offHeapFitsTheContainer() {
    JsonNode params = dag.get("params");
    long container = KubernetesManifestsTest.bytes(params.get("executor_memory").asText())
        + KubernetesManifestsTest.bytes(params.get("executor_memory_overhead").asText());

    assertTrue(KubernetesManifestsTest.bytes(params.get("javacpp_max_physical_bytes").asText())
        < container);
    assertTrue(KubernetesManifestsTest.bytes(params.get("javacpp_max_bytes").asText())
        <= KubernetesManifestsTest.bytes(params.get("executor_memory_overhead").asText()));
  }

  @Test
  @DisplayName("each task's arguments pass --validate once its upstream tasks have run")
  void everyTaskValidates() {
    assertEquals(Map.of("prepare", 0, "train", 0, "evaluate", 0, "recommend", 0), validated,
        errors.toString());
  }

  @Test
  @DisplayName("before prepare ran, train's --validate names the missing prepared train/")
  void downstreamCannotValidateEarly() {
    assertEquals(JobCommand.EXIT_USER_ERROR, trainBeforePrepare.code);
    assertEquals("TrainJob: option '--prepared-dir': " + dir.resolve("work/prepared/train")
        + " does not exist; PrepareJob writes it", lastLine(trainBeforePrepare.err));
  }

  @Test
  @DisplayName("every task then runs and the last one recommends 10 movies to each of 20 users")
  void everyTaskRuns() throws IOException {
    assertEquals(Map.of("prepare", 0, "train", 0, "evaluate", 0, "recommend", 0), ran,
        errors.toString());
    JsonNode summary = Json.read(Files.readString(dir.resolve("work/prepared/summary.json")),
        "summary.json");
    assertEquals(USERS, summary.get("users").asInt());
    long recommended = TestSpark.session().read()
        .parquet(dir.resolve("work/recommendations/parquet").toString()).count();
    assertEquals(USERS * 10L, recommended);
    assertTrue(Files.exists(dir.resolve("work/evaluation/metrics.json")));
  }

  @Test
  @DisplayName("with the GPU Variable set, the network's three tasks ask for GPUs, prepare none")
  void gpuVariable() throws Exception {
    JsonNode gpu = render(Map.of("AIRFLOW_VAR_NCF_SPARK_GPUS", "2"), "{}");

    for (JsonNode task : gpu.get("tasks")) {
      JsonNode conf = task.get("conf");
      if (task.get("task_id").asText().equals("prepare")) {
        assertFalse(conf.has("spark.executor.resource.gpu.amount"));
        continue;
      }
      assertEquals("2", conf.get("spark.executor.resource.gpu.amount").asText());
      assertEquals("1", conf.get("spark.task.resource.gpu.amount").asText());
      assertEquals("/opt/ncf-spark/get-gpus-resources.sh",
          conf.get("spark.executor.resource.gpu.discoveryScript").asText());
    }
    assertEquals("hdfs:///ncf-spark/ml-25m/prepared",
        strings(gpu.get("tasks").get(0).get("application_args")).get(3));
  }

  /** The sample's movies with the ratings of its first 20 users. */
  private static Path writeInput() throws IOException {
    Path input = Files.createDirectories(dir.resolve("input"));
    Files.copy(SAMPLE.resolve("movies.csv"), input.resolve("movies.csv"));
    try (Stream<String> lines = Files.lines(SAMPLE.resolve("ratings.csv"))) {
      List<String> kept = new ArrayList<>();
      lines.forEach(line -> {
        String user = line.substring(0, line.indexOf(','));
        if (kept.isEmpty() || Integer.parseInt(user) <= USERS) {
          kept.add(line);
        }
      });
      Files.write(input.resolve("ratings.csv"), kept);
    }
    return input;
  }

  private static JsonNode render(Map<String, String> environment, String params)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("python3", RENDER.toString(), DAG.toString(),
        params).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "render_dag.py did not finish");
    assertEquals(0, process.exitValue(), output);
    return Json.read(output, RENDER.toString());
  }

  private static JsonNode task(String id) {
    for (JsonNode task : dag.get("tasks")) {
      if (task.get("task_id").asText().equals(id)) {
        return task;
      }
    }
    throw new AssertionError("no task " + id);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private record Outcome(int code, String err) {}

  /** The message a job ends with, after any log lines on stderr. */
  private static String lastLine(String err) {
    String[] lines = err.strip().split("\n");
    return lines[lines.length - 1];
  }

  /** Runs the task's class from the application jar with its arguments and --validate. */
  private static Outcome validate(JsonNode task) throws IOException, InterruptedException {
    List<String> command = ApplicationJar.javaCommand(task.get("java_class").asText());
    command.addAll(strings(task.get("application_args")));
    command.add("--validate");
    Path err = Files.createTempFile(dir, "validate", ".err");
    Process process = new ProcessBuilder(command).redirectError(err.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("--validate of " + task.get("task_id") + " did not end");
    }
    return new Outcome(process.exitValue(), Files.readString(err));
  }

  /** Runs the task's class in this JVM with its rendered arguments. */
  private static Outcome run(JsonNode task, String... extra) {
    List<String> args = strings(task.get("application_args"));
    args.addAll(List.of(extra));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream previous = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      @SuppressWarnings("unchecked")
      Callable<Integer> job = (Callable<Integer>) Class.forName(task.get("java_class").asText())
          .getDeclaredConstructor().newInstance();
      return new Outcome(JobCommand.execute(job, args.toArray(String[]::new)),
          err.toString(StandardCharsets.UTF_8));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot start " + task.get("java_class"), e);
    } finally {
      System.setErr(previous);
    }
  }
}
