package org.ncfspark.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A finished training run: the graph as written to model.zip and the description written to
 * model.json.
 */
public record TrainedModel(ComputationGraph graph, ModelDescription description) {}
