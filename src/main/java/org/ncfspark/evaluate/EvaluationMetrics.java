package org.ncfspark.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.ncfspark.baseline.AlsSettings;

/**
 * The content of metrics.json: how the models were evaluated and, per model, every metric with
 * its interval under both protocols.
 *
 * @param protocol what every model was measured on, the same for all
 * @param preparedDir the prepared directory whose test/ and train/ were used
 * @param trained where each trained NCF model came from, by its name in {@code models}
 * @param models figures per model by name, the NCF models first, then the baselines
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationMetrics(
    Protocol protocol, String preparedDir, Map<String, TrainedSource> trained,
    Map<String, ModelMetrics> models) {

  /**
   * @param modelDir the model directory evaluated
   * @param variant the NCF variant of its network
   * @param model scalar top-level fields of its model.json; absent when there was none
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TrainedSource(String modelDir, String variant, Map<String, JsonNode> model) {}

  /**
   * @param k the cut-offs of HR@K and NDCG@K
   * @param reportK the cut-off shown in report.md: 10 when listed, else the largest
   * @param users users ranked under the sampled protocol
   * @param candidatesPerUser the sampled protocol's candidates per user: one positive and its
   *     sampled negatives (the most, when users have fewer)
   * @param unsampledUsers users ranked under the unsampled protocol
   * @param catalogueItems items in the catalogue the unsampled protocol ranks against
   * @param unsampledCandidates what the unsampled protocol ranks a positive against
   * @param tieRule how ties between a negative and the positive count
   * @param interval how each interval is computed
   * @param bootstrapSamples bootstrap replicates per interval
   * @param seed seed of the bootstrap, the random baseline, ALS and the unsampled user subset
   * @param als the ALS baseline's settings; absent when it was not run
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Protocol(
      List<Integer> k, int reportK, long users, long candidatesPerUser, long unsampledUsers,
      int catalogueItems, String unsampledCandidates, String tieRule, String interval,
      int bootstrapSamples, long seed, AlsSettings als) {}

  /**
   * @param sampled metrics over the test candidates of test/
   * @param unsampled metrics over the whole unseen catalogue
   * @param unsampledScoring how much scoring the unsampled ranking took
   */
  public record ModelMetrics(
      ProtocolMetrics sampled, ProtocolMetrics unsampled, Throughput unsampledScoring) {}

  /** Scores computed, wall-clock seconds and their ratio. */
  public record Throughput(long scores, double seconds, double scoresPerSecond) {}
}
