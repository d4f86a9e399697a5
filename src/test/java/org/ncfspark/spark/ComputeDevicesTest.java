package org.ncfspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ComputeDevicesTest {

  @Test
  @DisplayName("the CPU build names its backend and the one thread per operation the tests set")
  void describesTheCpuBackend() {
    String described = ComputeDevices.describe();

    assertTrue(described.startsWith("backend CPU, 1 threads per operation (OMP_NUM_THREADS=1)"),
        described);
  }

  @Test
  @DisplayName("in local mode the only executor is the driver, described as on the driver")
  void probesEachExecutorOnce() {
    JavaSparkContext context =
        JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());

    List<String> executors = ComputeDevices.onExecutors(context);

    assertEquals(1, executors.size(), executors.toString());
    assertTrue(executors.get(0).startsWith("driver on "), executors.get(0));
    assertTrue(executors.get(0).endsWith(": " + ComputeDevices.describe()), executors.get(0));
  }

  @Test
  @DisplayName("each GPU of the CUDA backend's environment shows name, capability and memory")
  void describesGpus() {
    Properties environment = new Properties();
    environment.put("cuda.devicesInformation", List.of(
        Map.of("cuda.deviceName", "NVIDIA A10", "cuda.deviceMajor", 8, "cuda.deviceMinor", 6,
            "cuda.totalMemory", 24L << 30, "cuda.freeMemory", 23L << 29),
        Map.of("cuda.deviceName", "NVIDIA T4", "cuda.deviceMajor", 7, "cuda.deviceMinor", 5,
            "cuda.totalMemory", 16L << 30, "cuda.freeMemory", 15L << 30)));

    assertEquals("0 NVIDIA A10 (compute 8.6, 24.0 GiB, 11.5 GiB free); "
        + "1 NVIDIA T4 (compute 7.5, 16.0 GiB, 15.0 GiB free)",
        ComputeDevices.gpus(environment));
    assertEquals("none described", ComputeDevices.gpus(new Properties()));
  }
}
