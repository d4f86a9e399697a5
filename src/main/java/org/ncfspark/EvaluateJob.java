package org.ncfspark;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.ncfspark.cli.ConfigOption;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.evaluate.EvaluateOptions;
import org.ncfspark.evaluate.Evaluation;
import org.ncfspark.evaluate.EvaluationMetrics;
import org.ncfspark.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Ranks each test user's positive among its candidates with a trained model: HR@K, NDCG@K. */
@Command(
    name = "EvaluateJob",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Scores each test user's candidates with a trained NCF model and reports HR@K "
        + "and NDCG@K (ties count against the positive). Writes metrics.json and ranks/.")
public final class EvaluateJob implements Callable<Integer> {

  @Mixin
  private ConfigOption config;

  @Mixin
  private EvaluateOptions options;

  public static void main(String[] args) {
    JobCommand.main(new EvaluateJob(), args);
  }

  /** The session is left running: the JVM's exit stops it, and tests run jobs in one JVM. */
  @Override
  public Integer call() {
    SparkSession spark = Sessions.start("ncf-spark EvaluateJob");
    EvaluationMetrics metrics = new Evaluation(spark).run(options);
    // The quick start shows the result on stdout; the same line is also logged.
    System.out.println(metrics.summaryLine());
    return 0;
  }
}
