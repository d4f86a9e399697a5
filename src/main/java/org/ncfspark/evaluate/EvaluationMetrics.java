package org.ncfspark.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/**
 * The content of metrics.json: HR@K and NDCG@K averaged over users, what they were computed on,
 * and the scalar facts of the model's model.json when it had one.
 *
 * @param k the cut-off of both metrics
 * @param hr HR@K: the share of users whose positive ranks within the top k
 * @param ndcg NDCG@K averaged over users
 * @param users users evaluated
 * @param candidatesPerUser candidates ranked for each user: one positive and its negatives
 * @param modelDir the model directory evaluated
 * @param preparedDir the prepared directory whose test/ was ranked
 * @param model scalar top-level fields of model.json; absent when there was none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationMetrics(
    int k, double hr, double ndcg, long users, long candidatesPerUser, String modelDir,
    String preparedDir, Map<String, JsonNode> model) {

  /** For example "HR@10 = 0.6082, NDCG@10 = 0.3541 over 610 users (100 candidates each)". */
  public String summaryLine() {
    return String.format(Locale.ROOT, "HR@%d = %.4f, NDCG@%d = %.4f over %d users (%d candidates"
        + " each)", k, hr, k, ndcg, users, candidatesPerUser);
  }
}
