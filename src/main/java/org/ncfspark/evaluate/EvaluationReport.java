package org.ncfspark.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.md: one table comparing every model on the headline metrics of both protocols, each
 * with its 95% interval, and the protocol in words underneath.
 */
public final class EvaluationReport {

  private EvaluationReport() {}

  /** The comparison table alone, as printed by EvaluateJob. */
  public static String table(EvaluationMetrics metrics) {
    int k = metrics.protocol().reportK();
    List<String> header = List.of("Model", "HR@" + k, "NDCG@" + k, "MRR", "AUC",
        "HR@" + k + " unsampled", "NDCG@" + k + " unsampled", "MRR unsampled");
    StringBuilder table = new StringBuilder();
    table.append(row(header));
    table.append(row(header.stream().map(cell -> "---").toList()));
    for (Map.Entry<String, EvaluationMetrics.ModelMetrics> model : metrics.models().entrySet()) {
      ProtocolMetrics sampled = model.getValue().sampled();
      ProtocolMetrics unsampled = model.getValue().unsampled();
      List<String> cells = new ArrayList<>();
      cells.add(model.getKey());
      cells.add(cell(sampled.metric(MetricSet.hr(k))));
      cells.add(cell(sampled.metric(MetricSet.ndcg(k))));
      cells.add(cell(sampled.metric(MetricSet.MRR)));
      cells.add(cell(sampled.metric(MetricSet.AUC)));
      cells.add(cell(unsampled.metric(MetricSet.hr(k))));
      cells.add(cell(unsampled.metric(MetricSet.ndcg(k))));
      cells.add(cell(unsampled.metric(MetricSet.MRR)));
      table.append(row(cells));
    }
    return table.toString();
  }

  public static String markdown(EvaluationMetrics metrics) {
    EvaluationMetrics.Protocol protocol = metrics.protocol();
    return "# Evaluation\n\n"
        + "Models on " + metrics.preparedDir() + ": " + sources(metrics) + ".\n\n"
        + table(metrics) + "\n"
        + String.format(Locale.ROOT, "- Sampled: %d users, each positive ranked among %d "
            + "candidates (the positive and its sampled test negatives).%n", protocol.users(),
            protocol.candidatesPerUser())
        + String.format(Locale.ROOT, "- Unsampled: %d users, each positive ranked against %s "
            + "(%d catalogue items).%n", protocol.unsampledUsers(),
            protocol.unsampledCandidates(), protocol.catalogueItems())
        + "- Ties: " + protocol.tieRule() + ".\n"
        + String.format(Locale.ROOT, "- Intervals: %s; %d replicates, seed %d.%n",
            protocol.interval(), protocol.bootstrapSamples(), protocol.seed())
        + "- Every figure and the other cut-offs (" + protocol.k() + ") are in metrics.json; "
        + "hr_at_k.png charts sampled HR@K for K = 1 to " + MetricTotals.CURVE_RANKS + ".\n";
  }

  private static String sources(EvaluationMetrics metrics) {
    List<String> sources = new ArrayList<>();
    metrics.trained().forEach((name, source) -> sources.add(name + " from " + source.modelDir()));
    sources.add("baselines fitted on its training positives");
    return String.join(", ", sources);
  }

  private static String cell(MetricValue value) {
    return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", value.value(), value.low(),
        value.high());
  }

  private static String row(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }
}
