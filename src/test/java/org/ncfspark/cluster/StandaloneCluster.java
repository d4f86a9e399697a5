package org.ncfspark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Spark standalone cluster of {@code deploy/standalone/local-cluster} (a master and two
 * workers on 127.0.0.1, each launching its own executors), driven from a test through the script,
 * with the log of every submission kept in the cluster directory.
 */
final class StandaloneCluster {

  private static final Path SCRIPT = Path.of("deploy/standalone/local-cluster");

  /** Assembling SPARK_HOME the first time resolves and copies about 250 MB of jars. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

  private final Path sparkHome;
  private final Path dir;

  private StandaloneCluster(Path sparkHome, Path dir) {
    this.sparkHome = sparkHome;
    this.dir = dir;
  }

  /**
   * Starts the cluster with {@code dir} for its pids, logs and worker directories; a cluster left
   * running there by an earlier, killed run is stopped first.
   */
  static StandaloneCluster start(Path sparkHome, Path dir) {
    stop(sparkHome, dir);
    runScript(sparkHome, dir, "start", START_TIMEOUT);
    return new StandaloneCluster(sparkHome, dir);
  }

  Path dir() {
    return dir;
  }

  /** The pid of a daemon ("master", "worker-1", "worker-2") from the script's pid file. */
  long pid(String daemon) {
    try {
      return Long.parseLong(Files.readString(dir.resolve(daemon + ".pid")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("no pid file for " + daemon + " in " + dir, e);
    }
  }

  /**
   * Runs {@code local-cluster submit}: Spark's own submit entry point in client mode, the driver
   * in a JVM of its own, with the application jar; returns the exit code. stdout and stderr go to
   * {@code name.log} in the cluster directory. A submission still running after {@code timeout}
   * is killed with its children.
   */
  Submission submit(String name, Duration timeout, String jobClass, String... args) {
    return finish(launch(name, jobClass, args), timeout);
  }

  /** Starts a submission like {@link #submit} without waiting for it. */
  Running launch(String name, String jobClass, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), "submit", jobClass));
    command.addAll(List.of(args));
    Path log = dir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    environment(builder.environment(), sparkHome, dir);
    try {
      return new Running(name, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start submission " + name, e);
    }
  }

  /** Waits for a launched submission, killing it with its children after {@code timeout}. */
  Submission finish(Running running, Duration timeout) {
    int code = waitFor(running.process(), timeout, "submission " + running.name());
    return new Submission(running.name(), running.log(), code);
  }

  /** Stops whatever the script started with {@code dir}, even a cluster that half started. */
  static void stop(Path sparkHome, Path dir) {
    runScript(sparkHome, dir, "stop", STOP_TIMEOUT);
  }

  private static void runScript(Path sparkHome, Path dir, String action, Duration timeout) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), action)
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(dir.resolve("local-cluster.log").toFile()));
    environment(builder.environment(), sparkHome, dir);
    int code = waitFor(builder, timeout, "local-cluster " + action);
    if (code != 0) {
      throw new IllegalStateException("local-cluster " + action + " exited with " + code
          + "; see " + dir.resolve("local-cluster.log"));
    }
  }

  private static void environment(Map<String, String> env, Path sparkHome, Path dir) {
    env.put("SPARK_HOME", sparkHome.toAbsolutePath().toString());
    env.put("NCF_CLUSTER_DIR", dir.toAbsolutePath().toString());
    env.put("NCF_WORKERS", "2");
    env.put("NCF_WORKER_CORES", "1");
    env.put("NCF_WORKER_MEMORY", "2g");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("OMP_NUM_THREADS", "1");
  }

  private static int waitFor(ProcessBuilder builder, Duration timeout, String what) {
    try {
      return waitFor(builder.start(), timeout, what);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + what, e);
    }
  }

  private static int waitFor(Process process, Duration timeout, String what) {
    try {
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException(what + " did not finish within " + timeout);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }

  /** A submission still running, with the log it writes. */
  record Running(String name, Path log, Process process) {}

  /** A finished submission: its exit code and the driver's log. */
  record Submission(String name, Path log, int exitCode) {

    String logText() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + log, e);
      }
    }
  }
}
