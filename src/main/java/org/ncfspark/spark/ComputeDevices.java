package org.ncfspark.spark;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the ND4J backend and the devices a JVM computes on: the CPU backend with its threads per
 * operation, the CUDA backend with each GPU, its compute capability and memory. Jobs log it for
 * the driver and for every executor, because a GPU run whose executors found no GPU would
 * otherwise only show up as a slow run.
 */
public final class ComputeDevices {

  private static final Logger LOG = LoggerFactory.getLogger(ComputeDevices.class);
  private static final double GIB = 1024.0 * 1024 * 1024;

  private ComputeDevices() {}

  /** Logs the driver's backend and, off local mode, each executor's. */
  public static void log(SparkSession spark) {
    LOG.info("ND4J on the driver: {}", describe());
    if (spark.sparkContext().isLocal()) {
      return;
    }
    for (String executor : onExecutors(JavaSparkContext.fromSparkContext(spark.sparkContext()))) {
      LOG.info("ND4J on executor {}", executor);
    }
  }

  /** This JVM's backend and devices, in one line. */
  public static String describe() {
    Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();
    Object backend = environment.get("backend");
    int devices = Nd4j.getAffinityManager().getNumberOfDevices();
    if ("CUDA".equals(backend)) {
      return "backend CUDA, " + devices + " device(s): " + gpus(environment);
    }
    return "backend " + backend + ", " + Nd4j.getEnvironment().maxThreads()
        + " threads per operation (OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS")
        + "), BLAS " + environment.get("blas.vendor");
  }

  /** The GPUs in the CUDA backend's environment information, one after the other. */
  static String gpus(Properties environment) {
    Object information = environment.get("cuda.devicesInformation");
    if (!(information instanceof List<?> devices) || devices.isEmpty()) {
      return "none described";
    }
    StringBuilder described = new StringBuilder();
    for (int i = 0; i < devices.size(); i++) {
      Map<?, ?> device = (Map<?, ?>) devices.get(i);
      if (i > 0) {
        described.append("; ");
      }
      described.append(String.format(Locale.ROOT, "%d %s (compute %s.%s, %.1f GiB, %.1f GiB free)",
          i, device.get("cuda.deviceName"), device.get("cuda.deviceMajor"),
          device.get("cuda.deviceMinor"), gib(device.get("cuda.totalMemory")),
          gib(device.get("cuda.freeMemory"))));
    }
    return described.toString();
  }

  /**
   * One line per executor, "id on host: backend and devices", from one task per core of the
   * application; only these few lines reach the driver.
   */
  public static List<String> onExecutors(JavaSparkContext context) {
    int slots = Math.max(1, context.defaultParallelism());
    return context.parallelize(IntStream.range(0, slots).boxed().toList(), slots)
        .mapPartitions(ignored -> List.of(SparkEnv.get().executorId() + " on " + host() + ": "
            + describe()).iterator())
        .distinct()
        .collect()
        .stream()
        .sorted()
        .toList();
  }

  private static double gib(Object bytes) {
    return bytes instanceof Number number ? number.doubleValue() / GIB : Double.NaN;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown host";
    }
  }
}
