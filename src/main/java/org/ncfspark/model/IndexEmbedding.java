package org.ncfspark.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's embedding layer, without bias and activation, whose lookups and gradients run as plain
 * loops on the CPU backend ({@link IndexEmbeddingLayer}); its parameters, their layout and its
 * results are those of {@link EmbeddingLayer}.
 */
public class IndexEmbedding extends EmbeddingLayer {

  private static final long serialVersionUID = 1L;

  /** For JSON: a stored graph's configuration names this class. */
  public IndexEmbedding() {}

  public IndexEmbedding(long count, long size, IWeightInit init) {
    setNIn(count);
    setNOut(size);
    setHasBias(false);
    setActivationFn(new ActivationIdentity());
    setWeightInitFn(init);
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
      int layerIndex, INDArray paramsView, boolean initializeParams, DataType dataType) {
    return LayerWiring.wire(new IndexEmbeddingLayer(conf, dataType), conf, listeners, layerIndex,
        paramsView, initializeParams, initializer());
  }
}
