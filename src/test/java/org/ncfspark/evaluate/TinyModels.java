package org.ncfspark.evaluate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ncfspark.model.NcfArchitecture;
import org.ncfspark.model.NcfModel;
import org.ncfspark.model.NcfVariant;

/** Small untrained NCF graphs for tests, and the reference way to score with them. */
public final class TinyModels {

  private TinyModels() {}

  public static ComputationGraph graph(int users, int items, long seed) {
    return NcfModel.build(NcfArchitecture.mlp(users, items, 4, List.of(8), 0.01, seed));
  }

  /** A small untrained graph of the given NCF variant. */
  public static ComputationGraph graph(NcfVariant variant, int users, int items, long seed) {
    return NcfModel.build(new NcfArchitecture(variant, users, items, 4, List.of(8), 4, 0.01,
        seed));
  }

  public static byte[] zip(ComputationGraph graph) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ModelSerializer.writeModel(graph, bytes, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Scores all pairs in one direct call of the graph: what batching must reproduce. */
  public static float[] direct(ComputationGraph graph, int[] users, int[] items) {
    INDArray userColumn = Nd4j.create(toFloat(users), new long[] {users.length, 1});
    INDArray itemColumn = Nd4j.create(toFloat(items), new long[] {items.length, 1});
    return graph.output(userColumn, itemColumn)[0].toFloatVector();
  }

  private static float[] toFloat(int[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = values[i];
    }
    return floats;
  }
}
