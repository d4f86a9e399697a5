package org.ncfspark.model;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU time one training step of DL4J's fit costs for an NCF network built by NcfModel, and
 * for the same network built from DL4J's stock layers and Adam. CPU time of the fitting thread,
 * not wall time, so that other work on the machine changes the figures less. Run by
 * bench/minibatch-cost: {@code VARIANT USERS ITEMS [EMBEDDING [MINIBATCHES]]}.
 */
public final class MinibatchCost {

  private static final int BATCH = 512;
  private static final int ROUNDS = 5;

  private MinibatchCost() {}

  public static void main(String[] args) {
    NcfVariant variant = NcfVariant.valueOf(args[0].toUpperCase());
    int users = Integer.parseInt(args[1]);
    int items = Integer.parseInt(args[2]);
    int embedding = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    int steps = args.length > 4 ? Integer.parseInt(args[4]) : 1000;

    ComputationGraph ours = NcfModel.build(new NcfArchitecture(
        variant, users, items, embedding, List.of(64, 32), embedding, 1e-3, 42));
    ComputationGraph stock = StockTwin.of(ours);
    List<MultiDataSet> minibatches = minibatches(users, items, 100);

    // Alternate the two so that both see the same state of the machine; keep each's median.
    double[] oursMs = new double[ROUNDS];
    double[] stockMs = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      oursMs[round] = millisPerStep(ours, minibatches, steps);
      stockMs[round] = millisPerStep(stock, minibatches, steps);
    }
    System.out.printf("%s, %d users x %d items, embeddings of %d, minibatches of %d, %,d "
            + "parameters: CPU ms per minibatch, median of %d rounds of %d: DL4J's layers and "
            + "Adam %.2f, ncf-spark's %.2f (%.1f times less)%n",
        variant.label(), users, items, embedding, BATCH, ours.numParams(), ROUNDS, steps,
        median(stockMs), median(oursMs), median(stockMs) / median(oursMs));
  }

  private static double millisPerStep(ComputationGraph graph, List<MultiDataSet> minibatches,
      int steps) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < steps; i++) {
      graph.fit(minibatches.get(i % minibatches.size()));
    }
    return (threads.getCurrentThreadCpuTime() - start) / 1e6 / steps;
  }

  /** Random (user, item) rows, one in five labelled positive, as NCF's training rows are. */
  private static List<MultiDataSet> minibatches(int users, int items, int count) {
    SplittableRandom random = new SplittableRandom(7);
    List<MultiDataSet> result = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      float[] u = new float[BATCH];
      float[] i = new float[BATCH];
      float[] label = new float[BATCH];
      for (int row = 0; row < BATCH; row++) {
        u[row] = random.nextInt(users);
        i[row] = random.nextInt(items);
        label[row] = random.nextInt(5) == 0 ? 1 : 0;
      }
      result.add(new MultiDataSet(new INDArray[] {column(u), column(i)},
          new INDArray[] {column(label)}));
    }
    return result;
  }

  private static INDArray column(float[] values) {
    return Nd4j.create(values, new long[] {values.length, 1}, DataType.FLOAT);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
