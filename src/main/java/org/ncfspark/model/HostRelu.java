package org.ncfspark.model;

import java.nio.FloatBuffer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ReLU whose backpropagation on the CPU backend is one Java loop: ND4J's relu_bp op took 0.2 ms
 * for a 512 x 64 minibatch, ten times a loop's cost, twice per training step in NCF's MLP.
 */
public class HostRelu extends ActivationReLU {

  private static final long serialVersionUID = 1L;

  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    if (!HostArrays.onHost(in, epsilon) || in.rank() != 2 || !in.equalShapes(epsilon)) {
      return super.backprop(in, epsilon);
    }
    // dL/dz overwrites the pre-activations, as DL4J's activations do.
    if (HostArrays.sameLayout(in, epsilon)) {
      backpropContiguous(in, epsilon);
    } else {
      backpropElementwise(in, epsilon);
    }
    return new Pair<>(in, null);
  }

  private static void backpropContiguous(INDArray in, INDArray epsilon) {
    FloatBuffer z = HostArrays.buffer(in);
    FloatBuffer e = HostArrays.buffer(epsilon);
    int zi = Math.toIntExact(in.offset());
    int ei = Math.toIntExact(epsilon.offset());
    int length = Math.toIntExact(in.length());
    float[] zc = new float[Math.min(length, HostArrays.CHUNK)];
    float[] ec = new float[zc.length];
    for (int start = 0; start < length; start += zc.length) {
      int n = Math.min(zc.length, length - start);
      z.get(zi + start, zc, 0, n);
      e.get(ei + start, ec, 0, n);
      for (int i = 0; i < n; i++) {
        zc[i] = Float.intBitsToFloat(Float.floatToRawIntBits(ec[i]) & positive(zc[i]));
      }
      z.put(zi + start, zc, 0, n);
    }
  }

  /**
   * All ones where z is above zero, else zero: a mask instead of a branch, which mispredicted on
   * about half of the pre-activations and made the loop ten times slower inside a training step.
   */
  private static int positive(float z) {
    // The sign bit clear and some other bit set: negating as a long then moves a set sign bit
    // exactly onto the values above zero.
    return (int) (-(long) Float.floatToRawIntBits(z) >> 63);
  }

  private static void backpropElementwise(INDArray in, INDArray epsilon) {
    HostArrays.Matrix z = HostArrays.matrix(in);
    HostArrays.Matrix e = HostArrays.matrix(epsilon);
    int rows = Math.toIntExact(in.rows());
    int columns = Math.toIntExact(in.columns());
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        int kept = Float.floatToRawIntBits(e.get(r, c)) & positive(z.get(r, c));
        z.put(r, c, Float.intBitsToFloat(kept));
      }
    }
  }

  @Override
  public String toString() {
    return "relu";
  }
}
