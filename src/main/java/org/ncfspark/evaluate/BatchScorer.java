package org.ncfspark.evaluate;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores (user, item) pairs with an NCF graph a batch at a time, so that the cost of one network
 * call is shared by many candidates. Not thread-safe: one instance per task.
 */
public final class BatchScorer {

  private final ComputationGraph graph;
  private final int batchSize;
  private long networkCalls;

  public BatchScorer(ComputationGraph graph, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    this.graph = graph;
    this.batchSize = batchSize;
  }

  public int batchSize() {
    return batchSize;
  }

  /** How many times this scorer has run the network; a check that batching happens. */
  public long networkCalls() {
    return networkCalls;
  }

  /** The model's probability for each pair; {@code users[i]} goes with {@code items[i]}. */
  public float[] score(int[] users, int[] items) {
    if (users.length != items.length) {
      throw new IllegalArgumentException(
          users.length + " users but " + items.length + " items; they must pair up");
    }
    float[] scores = new float[users.length];
    score(users, items, users.length, scores);
    return scores;
  }

  /** Scores the first {@code count} pairs into {@code scores}, in batches of the batch size. */
  public void score(int[] users, int[] items, int count, float[] scores) {
    for (int from = 0; from < count; from += batchSize) {
      int size = Math.min(batchSize, count - from);
      float[] batch = scoreBatch(column(users, from, size), column(items, from, size));
      System.arraycopy(batch, 0, scores, from, size);
    }
  }

  private float[] scoreBatch(INDArray users, INDArray items) {
    networkCalls++;
    return graph.outputSingle(false, users, items).toFloatVector();
  }

  /** The graph takes indices as a float column shaped [batch, 1]. */
  private static INDArray column(int[] indices, int from, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = indices[from + i];
    }
    return Nd4j.createFromArray(values).reshape(size, 1);
  }
}
