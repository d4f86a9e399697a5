package org.ncfspark.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncfspark.EvaluateJob;
import org.ncfspark.PrepareJob;
import org.ncfspark.RecommendJob;
import org.ncfspark.TrainJob;
import org.ncfspark.io.Json;
import picocli.CommandLine;

/**
 * deploy/k8s: the four SparkApplication manifests, parsed as YAML by python3 (Kubernetes is not
 * reachable here), checked against the jobs' options, the pom's Spark version and the image the
 * Dockerfile builds. Docker cannot build the image here, so the Dockerfile is read, not built.
 */
class KubernetesManifestsTest {

  private static final Path K8S = Path.of("deploy/k8s");
  private static final List<String> JOBS = List.of("prepare", "train", "evaluate", "recommend");
  private static final String TO_JSON = "import json, sys, yaml\n"
      + "print(json.dumps([list(yaml.safe_load_all(open(f))) for f in sys.argv[1:]]))";

  private static List<JsonNode> manifests;
  private static String dockerfile;
  private static String sparkVersion;

  @BeforeAll
  static void parse() throws Exception {
    List<String> command = new ArrayList<>(List.of(python(), "-c", TO_JSON));
    for (String job : JOBS) {
      command.add(K8S.resolve(job + ".yaml").toString());
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    manifests = new ArrayList<>();
    for (JsonNode file : Json.read(output, "the manifests")) {
      assertEquals(1, file.size(), "one document per manifest");
      manifests.add(file.get(0));
    }
    dockerfile = Files.readString(K8S.resolve("Dockerfile"));
    sparkVersion = match(Files.readString(Path.of("pom.xml")),
        "<spark.version>([^<]+)</spark.version>");
  }

  /** A python3 with PyYAML: the one on the PATH, else Debian's (apt-get install python3-yaml). */
  private static String python() throws IOException, InterruptedException {
    for (String candidate : List.of("python3", "/usr/bin/python3")) {
      try {
        Process probe = new ProcessBuilder(candidate, "-c", "import yaml")
            .redirectErrorStream(true).start();
        if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // Not installed; try the next one.
      }
    }
    throw new AssertionError("no python3 with PyYAML; apt-get install python3-yaml");
  }

  @Test
  @DisplayName("each manifest is a v1beta2 SparkApplication of its job on the pom's Spark")
  void sparkApplications() {
    for (int i = 0; i < JOBS.size(); i++) {
      JsonNode app = manifests.get(i);
      JsonNode spec = app.get("spec");
      String job = JOBS.get(i);

      assertEquals("sparkoperator.k8s.io/v1beta2", app.get("apiVersion").asText(), job);
      assertEquals("SparkApplication", app.get("kind").asText(), job);
      assertEquals("ncf-spark-" + job, app.get("metadata").get("name").asText());
      assertEquals("Java", spec.get("type").asText(), job);
      assertEquals(sparkVersion, spec.get("sparkVersion").asText(), job);
      assertEquals("org.ncfspark." + className(job), spec.get("mainClass").asText());
      assertEquals(2, spec.get("restartPolicy").get("onFailureRetries").asInt(), job);
    }
  }

  @Test
  @DisplayName("the arguments parse as the jobs' options and agree on every shared directory")
  void argumentsParse() {
    String prepared = null;
    String model = null;
    for (int i = 0; i < JOBS.size(); i++) {
      List<String> args = new ArrayList<>();
      manifests.get(i).get("spec").get("arguments").forEach(arg -> args.add(arg.asText()));

      CommandLine.ParseResult parsed = new CommandLine(job(JOBS.get(i)))
          .parseArgs(args.toArray(String[]::new));

      String thisPrepared = parsed.matchedOptionValue("--prepared-dir", null);
      prepared = prepared == null ? thisPrepared : prepared;
      assertEquals(prepared, thisPrepared, JOBS.get(i));
      if (parsed.hasMatchedOption("--model-dir")) {
        // EvaluateJob takes a list of model directories; each manifest names one.
        String thisModel = String.join(",", parsed.matchedOption("--model-dir").stringValues());
        model = model == null ? thisModel : model;
        assertEquals(model, thisModel, JOBS.get(i));
      }
    }
    assertEquals("s3a://ncf-spark/ml-25m/prepared", prepared);
    assertEquals("s3a://ncf-spark/ml-25m/model", model);
  }

  @Test
  @DisplayName("the network's jobs ask for one GPU per executor and driver, prepare for none")
  void gpus() {
    for (int i = 0; i < JOBS.size(); i++) {
      JsonNode conf = manifests.get(i).get("spec").get("sparkConf");
      if (JOBS.get(i).equals("prepare")) {
        assertFalse(conf.has("spark.executor.resource.gpu.amount"));
        continue;
      }
      for (String side : List.of("executor", "driver")) {
        String prefix = "spark." + side + ".resource.gpu.";
        assertEquals("1", conf.get(prefix + "amount").asText(), JOBS.get(i) + " " + side);
        assertEquals("nvidia.com", conf.get(prefix + "vendor").asText());
        String script = conf.get(prefix + "discoveryScript").asText();
        assertTrue(dockerfile.contains("COPY deploy/yarn/get-gpus-resources.sh " + script),
            "the image lacks " + script);
      }
      assertEquals("1", conf.get("spark.task.resource.gpu.amount").asText());
    }
  }

  @Test
  @DisplayName("JavaCPP's process limit lies under each executor pod's memory plus overhead")
  void offHeapFitsThePod() {
    for (JsonNode app : manifests) {
      JsonNode executor = app.get("spec").get("executor");
      String options = executor.get("javaOptions").asText();
      long pod = bytes(executor.get("memory").asText())
          + bytes(executor.get("memoryOverhead").asText());
      long physical = bytes(match(options, "javacpp\\.maxphysicalbytes=(\\S+)"));
      long arrays = bytes(match(options, "javacpp\\.maxbytes=(\\S+)"));

      assertTrue(physical < pod, app.get("metadata").get("name") + ": " + physical + " >= "
          + pod);
      assertTrue(arrays <= bytes(executor.get("memoryOverhead").asText()),
          app.get("metadata").get("name") + ": maxbytes above the overhead");
    }
  }

  @Test
  @DisplayName("the image is CUDA 11.6 with cuDNN 8, Java 17 and the pom's Spark, holding the jar")
  void dockerfile() {
    assertEquals("nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04",
        match(dockerfile, "(?m)^FROM (\\S+)$"));
    assertEquals(sparkVersion, match(dockerfile, "(?m)^ARG SPARK_VERSION=(\\S+)$"));
    assertTrue(dockerfile.contains("openjdk-17-jre-headless"));
    String jar = match(dockerfile, "(?m)^COPY target/cuda/ncf-spark-\\*-app\\.jar (\\S+)$");
    for (JsonNode app : manifests) {
      assertEquals("local://" + jar, app.get("spec").get("mainApplicationFile").asText());
    }
  }

  private static String className(String job) {
    return job.substring(0, 1).toUpperCase(Locale.ROOT) + job.substring(1) + "Job";
  }

  private static Callable<Integer> job(String name) {
    return switch (name) {
      case "prepare" -> new PrepareJob();
      case "train" -> new TrainJob();
      case "evaluate" -> new EvaluateJob();
      case "recommend" -> new RecommendJob();
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Spark's sizes: 512m, 8g, 1t; plain digits are bytes. */
  static long bytes(String size) {
    Matcher matcher = Pattern.compile("(\\d+)([kmgt]?)").matcher(size.toLowerCase(Locale.ROOT));
    assertTrue(matcher.matches(), "not a size: " + size);
    long value = Long.parseLong(matcher.group(1));
    int shift = switch (matcher.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      default -> 0;
    };
    return value << shift;
  }

  private static String match(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertTrue(matcher.find(), "no match for " + regex);
    return matcher.group(1);
  }
}
