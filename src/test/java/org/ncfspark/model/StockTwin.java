package org.ncfspark.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.learning.config.Adam;

/** An NCF graph rebuilt from DL4J's own classes, to compare ncf-spark's host-loop ones with. */
final class StockTwin {

  private StockTwin() {}

  /**
   * The same configuration with every ncf-spark class replaced by the DL4J class it extends, and
   * the same parameters.
   */
  static ComputationGraph of(ComputationGraph graph) {
    String json = graph.getConfiguration().toJson()
        .replace(IndexEmbedding.class.getName(),
            org.deeplearning4j.nn.conf.layers.EmbeddingLayer.class.getName())
        .replace(ColumnMajorDense.class.getName(),
            org.deeplearning4j.nn.conf.layers.DenseLayer.class.getName())
        .replace(HostRelu.class.getName(), ActivationReLU.class.getName())
        .replace(HostAdam.class.getName(), Adam.class.getName());
    if (json.contains("org.ncfspark")) {
      throw new IllegalStateException("a class of ncf-spark is left in " + json);
    }
    ComputationGraph twin = new ComputationGraph(ComputationGraphConfiguration.fromJson(json));
    twin.init(graph.params().dup(), true);
    return twin;
  }
}
