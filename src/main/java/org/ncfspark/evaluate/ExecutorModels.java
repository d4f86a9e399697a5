package org.ncfspark.evaluate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models restored in this JVM, so that an executor deserialises a broadcast model once per
 * concurrent task slot rather than once per partition. A ComputationGraph must not run two
 * forward passes at once, so each task borrows its own instance and gives it back when it ends.
 */
final class ExecutorModels {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);

  private static final Map<String, Queue<ComputationGraph>> IDLE = new ConcurrentHashMap<>();

  private ExecutorModels() {}

  /** An idle instance of the model under {@code key}, restored from the broadcast if none. */
  static ComputationGraph borrow(String key, Broadcast<byte[]> model) {
    ComputationGraph idle = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
    return idle != null ? idle : restore(key, model.value());
  }

  /** Makes an instance available to the next task; dropped if the model was forgotten. */
  static void giveBack(String key, ComputationGraph graph) {
    IDLE.computeIfPresent(key, (k, idle) -> {
      idle.offer(graph);
      return idle;
    });
  }

  /** Frees the instances of a model no longer used in this JVM. */
  static void forget(String key) {
    IDLE.remove(key);
  }

  static int idleCount(String key) {
    Queue<ComputationGraph> idle = IDLE.get(key);
    return idle == null ? 0 : idle.size();
  }

  private static ComputationGraph restore(String key, byte[] bytes) {
    long start = System.nanoTime();
    try {
      ComputationGraph graph =
          ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), false);
      LOG.info("Restored model {} ({} bytes) for a task in {} ms", key, bytes.length,
          (System.nanoTime() - start) / 1_000_000);
      return graph;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restore model " + key, e);
    }
  }
}
