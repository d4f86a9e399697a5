package org.ncfspark.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** DL4J's dense layer, but for the memory order of its outputs ({@link ColumnMajorDenseLayer}). */
public class ColumnMajorDense extends DenseLayer {

  private static final long serialVersionUID = 1L;

  /** For JSON: a stored graph's configuration names this class. */
  public ColumnMajorDense() {}

  public ColumnMajorDense(long inputs, long outputs, IActivation activation, IWeightInit init) {
    setNIn(inputs);
    setNOut(outputs);
    setActivationFn(activation);
    setWeightInitFn(init);
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
      int layerIndex, INDArray paramsView, boolean initializeParams, DataType dataType) {
    return LayerWiring.wire(new ColumnMajorDenseLayer(conf, dataType), conf, listeners, layerIndex,
        paramsView, initializeParams, initializer());
  }
}
