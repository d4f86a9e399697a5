package org.ncfspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NcfModelTest {

  private static final int USERS = 10;
  private static final int ITEMS = 20;

  private static NcfArchitecture architecture(NcfVariant variant) {
    return new NcfArchitecture(variant, USERS, ITEMS, 4, List.of(6, 3), 5, 1e-3, 7);
  }

  /**
   * Parameters counted by hand. MLP: embeddings 10x4 + 20x4, dense 8x6+6, 6x3+3, output 3x1+1.
   * GMF: embeddings 10x5 + 20x5, output 5x1+1. NeuMF: both sets of embeddings and the MLP
   * layers, the output over 5 + 3 inputs.
   */
  @ParameterizedTest
  @CsvSource({"MLP, 199", "GMF, 156", "NEUMF, 354"})
  @DisplayName("each variant has the parameters its layers imply")
  void parameterCounts(NcfVariant variant, long parameters) {
    ComputationGraph graph = NcfModel.build(architecture(variant));
    assertEquals(parameters, graph.numParams());
  }

  @ParameterizedTest
  @EnumSource(NcfVariant.class)
  @DisplayName("a built graph tells its own variant and scores probabilities")
  void variantAndOutputs(NcfVariant variant) {
    ComputationGraph graph = NcfModel.build(architecture(variant));

    assertEquals(variant, NcfModel.variantOf(graph));
    INDArray users = Nd4j.create(new float[] {0, 3, 9}, new long[] {3, 1}, DataType.FLOAT);
    INDArray items = Nd4j.create(new float[] {19, 0, 7}, new long[] {3, 1}, DataType.FLOAT);
    float[] scores = graph.outputSingle(users, items).toFloatVector();
    assertEquals(3, scores.length);
    for (float score : scores) {
      assertTrue(score > 0 && score < 1, "score " + score);
    }
  }

  @ParameterizedTest
  @CsvSource({"MLP, mlp", "GMF, gmf", "NEUMF, neumf"})
  @DisplayName("variants are named in lower case, as on the command line")
  void labels(NcfVariant variant, String label) {
    assertEquals(label, variant.label());
  }
}
