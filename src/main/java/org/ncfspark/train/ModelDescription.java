package org.ncfspark.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.ncfspark.model.NcfVariant;

/**
 * The content of model.json: what was trained, with which settings, on which data and how the
 * training went.
 *
 * @param users user indices the model scores, 0 to users - 1
 * @param items item indices the model scores, 0 to items - 1
 * @param architecture sizes of the network
 * @param hyperparameters settings of the optimiser and of the parallel training
 * @param epochs epochs trained
 * @param history one entry per epoch, first epoch first
 * @param finalLoss training loss of the last epoch
 * @param trainingSeconds time spent fitting, all epochs together
 * @param samplesPerSecond training rows fitted per second over all epochs
 * @param trainRows training rows of one epoch
 * @param prepared the prepared data's summary.json
 */
public record ModelDescription(
    int users,
    int items,
    Architecture architecture,
    Hyperparameters hyperparameters,
    int epochs,
    List<EpochStats> history,
    double finalLoss,
    double trainingSeconds,
    double samplesPerSecond,
    long trainRows,
    JsonNode prepared) {

  /**
   * The network: which NCF variant and the sizes of its branches.
   *
   * @param variant mlp, gmf or neumf
   * @param embeddingSize the MLP branch's embedding size; absent for gmf
   * @param hiddenLayers the MLP branch's ReLU layer sizes; absent for gmf
   * @param gmfEmbeddingSize the GMF branch's embedding size; absent for mlp
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Architecture(String variant, Integer embeddingSize, List<Integer> hiddenLayers,
      Integer gmfEmbeddingSize) {

    /** The sizes the options give, each branch's only where the variant has that branch. */
    static Architecture of(TrainOptions options) {
      NcfVariant variant = options.variant();
      boolean mlp = variant.hasMlpBranch();
      return new Architecture(variant.label(), mlp ? options.embeddingSize() : null,
          mlp ? options.hiddenLayers() : null,
          variant.hasGmfBranch() ? options.gmfEmbeddingSize() : null);
    }
  }

  /** How the weights were fitted. */
  public record Hyperparameters(double learningRate, int batchSize, long seed, int workers,
      int averagingFrequency, int prefetch, boolean resampleNegatives) {

    static Hyperparameters of(TrainOptions options, int workers) {
      return new Hyperparameters(options.learningRate(), options.batchSize(), options.seed(),
          workers, options.averagingFrequency(), options.prefetch(),
          options.resampleNegatives());
    }
  }
}
