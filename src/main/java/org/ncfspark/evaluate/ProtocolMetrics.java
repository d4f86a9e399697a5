package org.ncfspark.evaluate;

import java.util.List;
import java.util.Map;

/**
 * One model's figures under one protocol (the sampled candidates or the unsampled ranking).
 *
 * @param users users averaged over
 * @param metrics each metric of a {@link MetricSet} by name, in its order
 * @param hrCurve HR@1, HR@2, ... HR@20: the share of users whose positive ranks within K
 */
public record ProtocolMetrics(long users, Map<String, MetricValue> metrics, List<Double> hrCurve) {

  public MetricValue metric(String name) {
    MetricValue value = metrics.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no metric " + name + "; have " + metrics.keySet());
    }
    return value;
  }
}
