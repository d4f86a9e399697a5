package org.ncfspark.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster scripts under deploy/ and jobs/gpu-check, run against stand-ins: a spark-submit
 * that prints its arguments, an nvidia-smi that lists GPUs or fails. No cluster or GPU is
 * reachable here; what the scripts would hand to spark-submit is checked instead.
 */
class DeployScriptsTest {

  private static final List<String> SCRIPTS = List.of("deploy/yarn/submit",
      "deploy/yarn/get-gpus-resources.sh", "deploy/k8s/run", "jobs/gpu-check");

  @TempDir
  Path dir;

  @Test
  @DisplayName("the discovery script prints nvidia-smi's GPUs in Spark's resource format")
  void discoversGpus() throws Exception {
    Path bin = fakeNvidiaSmi("printf '0\\n1\\n2\\n'");

    Result all = run(List.of("deploy/yarn/get-gpus-resources.sh"), Map.of("PATH", path(bin)));
    Result visible = run(List.of("deploy/yarn/get-gpus-resources.sh"),
        Map.of("PATH", path(bin), "CUDA_VISIBLE_DEVICES", "2,0"));

    assertEquals(0, all.code, all.output);
    assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\", \"2\"]}", all.output.strip());
    assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\", \"2\"]}", visible.output.strip());
  }

  @Test
  @DisplayName("without a working NVIDIA driver the discovery script fails and says why")
  void noGpuFails() throws Exception {
    Path bin = fakeNvidiaSmi("echo \"NVIDIA-SMI has failed because it couldn't communicate with "
        + "the NVIDIA driver\"; exit 9");

    Result result = run(List.of("deploy/yarn/get-gpus-resources.sh"), Map.of("PATH", path(bin)));

    assertEquals(1, result.code);
    assertTrue(result.output.contains("get-gpus-resources.sh: nvidia-smi failed on "),
        result.output);
    assertTrue(result.output.contains("couldn't communicate with the NVIDIA driver"));
  }

  @Test
  @DisplayName("submit on YARN passes cluster mode, memory, off-heap limits and the job's options")
  void submitsToYarn() throws Exception {
    Result result = run(List.of("deploy/yarn/submit", "TrainJob", "--epochs", "1"),
        Map.of("SPARK_HOME", fakeSpark().toString(), "NCF_APP_JAR", "/jars/app.jar",
            "NCF_EXECUTOR_MEMORY", "10g", "NCF_EXECUTOR_OVERHEAD", "5g"));
    List<String> args = result.output.lines().toList();

    assertEquals(0, result.code, result.output);
    assertEquals(List.of("--master", "yarn", "--deploy-mode", "cluster"), args.subList(0, 4));
    assertEquals("org.ncfspark.TrainJob", after(args, "--class"));
    assertEquals("10g", after(args, "--executor-memory"));
    assertTrue(args.contains("spark.executor.memoryOverhead=5g"), args.toString());
    assertTrue(args.contains("spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.maxbytes=4g"
        + " -Dorg.bytedeco.javacpp.maxphysicalbytes=13g"), args.toString());
    assertTrue(args.contains("spark.executorEnv.OMP_NUM_THREADS=1"));
    assertFalse(args.stream().anyMatch(arg -> arg.contains("resource.gpu")), args.toString());
    assertEquals(List.of("/jars/app.jar", "--epochs", "1"), args.subList(args.size() - 3,
        args.size()));
  }

  @Test
  @DisplayName("with NCF_GPUS the job asks YARN for GPUs and ships the discovery script")
  void submitsWithGpus() throws Exception {
    Result result = run(List.of("deploy/yarn/submit", "TrainJob"),
        Map.of("SPARK_HOME", fakeSpark().toString(), "NCF_APP_JAR", "/jars/app.jar",
            "NCF_GPUS", "2"));
    List<String> args = result.output.lines().toList();

    assertEquals(0, result.code, result.output);
    assertTrue(after(args, "--files").endsWith("deploy/yarn/get-gpus-resources.sh"));
    assertTrue(args.containsAll(List.of("spark.executor.resource.gpu.amount=2",
        "spark.task.resource.gpu.amount=1", "spark.driver.resource.gpu.amount=1",
        "spark.executor.resource.gpu.discoveryScript=./get-gpus-resources.sh")),
        args.toString());
  }

  @Test
  @DisplayName("submit without SPARK_HOME stops with exit code 2 and says what to set")
  void submitNeedsSpark() throws Exception {
    Result result = run(List.of("deploy/yarn/submit", "TrainJob"), Map.of("SPARK_HOME", ""));

    assertEquals(2, result.code);
    assertEquals("deploy/yarn/submit: set SPARK_HOME to a Spark 3.5 installation",
        result.output.strip());
  }

  @Test
  @DisplayName("the GPU check stops at once, with exit code 3, on a machine without nvidia-smi")
  void gpuCheckNeedsAGpu() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("empty-bin"));

    Result result = run(List.of("jobs/gpu-check"), Map.of("PATH", path(bin)));

    assertEquals(3, result.code, result.output);
    assertTrue(result.output.contains("gpu-check: nvidia-smi not found"), result.output);
  }

  @Test
  @DisplayName("every cluster script passes shellcheck")
  void shellcheckClean() throws Exception {
    assumeTrue(onPath("shellcheck"), "shellcheck is not installed (apt-get install shellcheck)");
    List<String> command = new ArrayList<>(List.of("shellcheck", "-x"));
    command.addAll(SCRIPTS);

    Result result = run(command, Map.of());

    assertEquals(0, result.code, result.output);
  }

  private record Result(int code, String output) {}

  private static Result run(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(command);
    if (full.get(0).contains("/")) {
      full.add(0, "/bin/bash");
    }
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), command + " did not finish");
    return new Result(process.exitValue(), output);
  }

  private Path fakeSpark() throws IOException {
    Path submit = dir.resolve("spark/bin/spark-submit");
    Files.createDirectories(submit.getParent());
    Files.writeString(submit, "#!/bin/sh\nfor arg in \"$@\"; do echo \"$arg\"; done\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir.resolve("spark");
  }

  private Path fakeNvidiaSmi(String body) throws IOException {
    Path smi = dir.resolve("bin/nvidia-smi");
    Files.createDirectories(smi.getParent());
    Files.writeString(smi, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
    return smi.getParent();
  }

  /** The stand-ins' directory first, then the system's tools, but never a real nvidia-smi. */
  private static String path(Path bin) {
    return bin + ":/usr/bin:/bin";
  }

  private static String after(List<String> args, String option) {
    int at = args.indexOf(option);
    assertTrue(at >= 0 && at + 1 < args.size(), option + " missing from " + args);
    return args.get(at + 1);
  }

  private static boolean onPath(String tool) throws InterruptedException {
    try {
      return new ProcessBuilder(tool, "--version").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
