package org.ncfspark.model;

import java.util.List;

/**
 * The sizes and optimiser settings of an NCF multilayer perceptron: user and item embeddings,
 * concatenated, through ReLU layers to one sigmoid output trained with binary cross-entropy.
 *
 * @param users number of user indices the user embedding holds
 * @param items number of item indices the item embedding holds
 * @param embeddingSize size of each of the two embeddings
 * @param hiddenLayers sizes of the ReLU layers, input side first
 * @param learningRate Adam's step size
 * @param seed seed of the weight initialisation
 */
public record NcfArchitecture(
    int users, int items, int embeddingSize, List<Integer> hiddenLayers, double learningRate,
    long seed) {

  public NcfArchitecture {
    hiddenLayers = List.copyOf(hiddenLayers);
    require(users > 0, "users must be positive, got " + users);
    require(items > 0, "items must be positive, got " + items);
    require(embeddingSize > 0, "embedding size must be positive, got " + embeddingSize);
    require(hiddenLayers.stream().allMatch(size -> size > 0),
        "hidden layer sizes must be positive, got " + hiddenLayers);
    require(learningRate > 0, "learning rate must be positive, got " + learningRate);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
