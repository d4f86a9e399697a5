package org.ncfspark;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.ncfspark.cli.ConfigOption;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.recommend.RecommendOptions;
import org.ncfspark.recommend.Recommendation;
import org.ncfspark.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Spark job: each user's top N unseen movies from a trained model. */
@Command(
    name = "RecommendJob",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Scores users against the whole catalogue with a trained NCF model and keeps "
        + "each user's top N movies, never one the user interacted with. Writes Parquet, CSV "
        + "and recommendations.md, and prints the readable view.")
public final class RecommendJob implements Callable<Integer> {

  @Mixin
  private ConfigOption config;

  @Mixin
  private RecommendOptions options;

  public static void main(String[] args) {
    JobCommand.main(new RecommendJob(), args);
  }

  /** The session is left running: the JVM's exit stops it, and tests run jobs in one JVM. */
  @Override
  public Integer call() {
    SparkSession spark = Sessions.start("ncf-spark RecommendJob");
    String view = new Recommendation(spark).run(options);
    // The readable view is the job's answer on stdout; recommendations.md holds the same.
    System.out.print(view);
    return 0;
  }
}
