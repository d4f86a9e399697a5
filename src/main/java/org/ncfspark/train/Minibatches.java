package org.ncfspark.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cuts a partition's rows into the minibatches of one epoch, in an order drawn afresh each epoch.
 * Each minibatch is a MultiDataSet whose features are the user and item columns and whose labels
 * are the label column, all shaped [rows, 1] in float, as the NCF graph's inputs expect.
 *
 * <p>Every partition is cut into the same number of minibatches, a multiple of the averaging
 * frequency, of sizes that differ by at most one row and never exceed the batch size. DL4J's
 * parameter averaging needs that: it deals each worker an equal share of minibatches per
 * averaging, rounding the number of averagings down, and silently skips whatever a worker
 * receives beyond the averaging frequency; cut into full minibatches and one partial one, about
 * 3% of the sample's rows were skipped every epoch.
 */
public final class Minibatches {

  /** An odd constant near 2^64 / golden ratio: multiplying by it spreads nearby seeds apart. */
  private static final long SPREAD = 0x9E3779B97F4A7C15L;

  private Minibatches() {}

  /**
   * The shuffle seed of one partition in one epoch: the same inputs give the same order, so a
   * run is repeatable for a given seed and partitioning, and every epoch's order differs.
   */
  public static long shuffleSeed(long seed, int epoch, int partition) {
    return (seed * SPREAD + epoch) * SPREAD + partition;
  }

  /**
   * How many minibatches each partition is cut into: the fewest that hold the largest partition
   * at no more than {@code batchSize} rows each, rounded up to whole averaging rounds.
   */
  public static int perPartition(long largestPartition, int batchSize, int averagingFrequency) {
    long needed = ceilDiv(largestPartition, batchSize);
    long rounds = ceilDiv(needed, averagingFrequency);
    return Math.toIntExact(rounds * averagingFrequency);
  }

  /**
   * The block's rows, shuffled, as {@code count} minibatches whose sizes differ by at most one
   * row; fewer minibatches, of one row each, when the block has fewer rows than that.
   */
  public static List<MultiDataSet> shuffled(InteractionBlock block, int count, long shuffleSeed) {
    if (count <= 0) {
      throw new IllegalArgumentException("minibatch count must be positive, got " + count);
    }
    int[] order = permutation(block.size(), shuffleSeed);
    int minibatches = Math.min(count, order.length);
    List<MultiDataSet> result = new ArrayList<>(minibatches);
    for (int i = 0; i < minibatches; i++) {
      int start = (int) ((long) i * order.length / minibatches);
      int end = (int) ((long) (i + 1) * order.length / minibatches);
      result.add(minibatch(block, order, start, end));
    }
    return result;
  }

  /** A uniformly random order of 0..size-1 (Fisher-Yates). */
  static int[] permutation(int size, long shuffleSeed) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(shuffleSeed);
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  private static MultiDataSet minibatch(InteractionBlock block, int[] order, int start, int end) {
    int count = end - start;
    float[] users = new float[count];
    float[] items = new float[count];
    float[] labels = new float[count];
    for (int i = 0; i < count; i++) {
      int row = order[start + i];
      users[i] = block.user(row);
      items[i] = block.item(row);
      labels[i] = block.label(row);
    }
    INDArray[] features = {column(users), column(items)};
    return new org.nd4j.linalg.dataset.MultiDataSet(features, new INDArray[] {column(labels)});
  }

  private static INDArray column(float[] values) {
    return Nd4j.create(values, new long[] {values.length, 1}, DataType.FLOAT);
  }

  private static long ceilDiv(long numerator, long denominator) {
    return (numerator + denominator - 1) / denominator;
  }
}
