package org.ncfspark.model;

import java.util.List;

/**
 * The sizes and optimiser settings of an NCF network: which variant, its embeddings and ReLU
 * layers, and one sigmoid output trained with binary cross-entropy.
 *
 * @param variant which NCF network: the MLP, GMF or their fusion, NeuMF
 * @param users number of user indices each user embedding holds
 * @param items number of item indices each item embedding holds
 * @param embeddingSize size of the MLP branch's user and item embeddings
 * @param hiddenLayers sizes of the MLP branch's ReLU layers, input side first
 * @param gmfEmbeddingSize size of the GMF branch's user and item embeddings
 * @param learningRate Adam's step size
 * @param seed seed of the weight initialisation
 */
public record NcfArchitecture(
    NcfVariant variant, int users, int items, int embeddingSize, List<Integer> hiddenLayers,
    int gmfEmbeddingSize, double learningRate, long seed) {

  public NcfArchitecture {
    hiddenLayers = List.copyOf(hiddenLayers);
    require(variant != null, "variant must be given");
    require(users > 0, "users must be positive, got " + users);
    require(items > 0, "items must be positive, got " + items);
    require(embeddingSize > 0, "embedding size must be positive, got " + embeddingSize);
    require(hiddenLayers.stream().allMatch(size -> size > 0),
        "hidden layer sizes must be positive, got " + hiddenLayers);
    require(gmfEmbeddingSize > 0, "GMF embedding size must be positive, got " + gmfEmbeddingSize);
    require(learningRate > 0, "learning rate must be positive, got " + learningRate);
  }

  /** The notebook's network: an MLP; the GMF size is unused. */
  public static NcfArchitecture mlp(int users, int items, int embeddingSize,
      List<Integer> hiddenLayers, double learningRate, long seed) {
    return new NcfArchitecture(NcfVariant.MLP, users, items, embeddingSize, hiddenLayers,
        embeddingSize, learningRate, seed);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
