package org.ncfspark.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

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

  /** The network: two embeddings, concatenated, through ReLU layers to a sigmoid. */
  public record Architecture(int embeddingSize, List<Integer> hiddenLayers) {}

  /** How the weights were fitted. */
  public record Hyperparameters(double learningRate, int batchSize, long seed, int workers,
      int averagingFrequency, int prefetch) {}
}
