package org.ncfspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The host-loop layers and Adam must compute what DL4J's stock ones compute: the same graph
 * built from DL4J's classes, given the same parameters, must produce the same scores, gradients
 * and, after a run of Adam steps, the same parameters.
 */
class HostLayersTest {

  private static final int USERS = 37;
  private static final int ITEMS = 53;

  private static List<MultiDataSet> minibatches(int count, long seed) {
    Random random = new Random(seed);
    return java.util.stream.IntStream.range(0, count).mapToObj(b -> {
      int rows = 16 + random.nextInt(48);
      float[] users = new float[rows];
      float[] items = new float[rows];
      float[] labels = new float[rows];
      for (int i = 0; i < rows; i++) {
        users[i] = random.nextInt(USERS);
        // Repeated items within a minibatch: their gradients must add up.
        items[i] = random.nextInt(ITEMS / 4);
        labels[i] = random.nextInt(3) == 0 ? 1 : 0;
      }
      return new MultiDataSet(new INDArray[] {column(users), column(items)},
          new INDArray[] {column(labels)});
    }).toList();
  }

  private static INDArray column(float[] values) {
    return Nd4j.create(values, new long[] {values.length, 1}, DataType.FLOAT);
  }

  @ParameterizedTest
  @EnumSource(NcfVariant.class)
  @DisplayName("scores, gradients and 30 Adam steps equal DL4J's stock layers'")
  void sameAsStockLayers(NcfVariant variant) {
    ComputationGraph graph = NcfModel.build(
        new NcfArchitecture(variant, USERS, ITEMS, 6, List.of(12, 5), 4, 0.01, 3));
    ComputationGraph stock = StockTwin.of(graph);
    MultiDataSet first = minibatches(1, 1).get(0);

    assertArrayEquals(stock.outputSingle(first.getFeatures()).toFloatVector(),
        graph.outputSingle(first.getFeatures()).toFloatVector(), 1e-6f);
    for (ComputationGraph g : List.of(graph, stock)) {
      g.setInputs(first.getFeatures());
      g.setLabels(first.getLabels());
      g.computeGradientAndScore();
    }
    assertEquals(stock.score(), graph.score(), 1e-6);
    assertArrayEquals(stock.gradient().gradient().toFloatVector(),
        graph.gradient().gradient().toFloatVector(), 1e-6f);

    for (MultiDataSet minibatch : minibatches(30, 2)) {
      graph.fit(minibatch);
      stock.fit(minibatch);
    }
    // Float sums in another order differ in the last bits, which Adam's normalised steps carry
    // on; a wrong formula would be off by about a step, 0.01.
    assertArrayEquals(stock.params().toFloatVector(), graph.params().toFloatVector(), 1e-4f);
    assertArrayEquals(stock.getUpdater().getStateViewArray().toFloatVector(),
        graph.getUpdater().getStateViewArray().toFloatVector(), 1e-4f);
  }

  @Test
  @DisplayName("Adam's loop updates views that start inside a larger buffer like ND4J's op")
  void adamOnOffsetViews() {
    int length = 10_000;
    Random random = new Random(5);
    float[] values = new float[length + 300];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    INDArray stockGradient = Nd4j.create(values, new long[] {1, values.length}, DataType.FLOAT)
        .get(NDArrayIndex.point(0), NDArrayIndex.interval(300, 300 + length));
    INDArray hostGradient = stockGradient.dup();
    INDArray hostView = Nd4j.zeros(DataType.FLOAT, 1, values.length)
        .get(NDArrayIndex.point(0), NDArrayIndex.interval(300, 300 + length));
    hostView.assign(hostGradient);
    assertTrue(hostView.offset() > 0);

    Adam config = new Adam(0.05);
    AdamUpdater stock =
        (AdamUpdater) config.instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2 * length), true);
    var host = new HostAdam(0.05).instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2 * length), true);
    for (int iteration = 0; iteration < 3; iteration++) {
      INDArray s = stockGradient.dup();
      stock.applyUpdater(s, iteration, 0);
      host.applyUpdater(hostView, iteration, 0);
      // Updates are about 0.05; ND4J computes the bias correction in float, the loop in double.
      assertArrayEquals(s.toFloatVector(), hostView.toFloatVector(), 1e-6f);
      hostView.assign(stockGradient);
    }
  }
}
