package org.ncfspark;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.ncfspark.cli.ConfigOption;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.cli.Preflight;
import org.ncfspark.cli.ValidateOption;
import org.ncfspark.data.ModelLayout;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.recommend.RecommendOptions;
import org.ncfspark.recommend.Recommendation;
import org.ncfspark.spark.ComputeDevices;
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
  private ValidateOption validate;

  @Mixin
  private RecommendOptions options;

  public static void main(String[] args) {
    JobCommand.main(new RecommendJob(), args);
  }

  /** The session is left running: the JVM's exit stops it, and tests run jobs in one JVM. */
  @Override
  public Integer call() {
    if (validate.requested()) {
      return checkOnly();
    }
    SparkSession spark = Sessions.start("ncf-spark RecommendJob");
    ComputeDevices.log(spark);
    String view = new Recommendation(spark).run(options);
    // The readable view is the job's answer on stdout; recommendations.md holds the same.
    System.out.print(view);
    return 0;
  }

  /** --validate: the options, the prepared catalogue and interactions, the model. */
  private int checkOnly() {
    options.validate();
    PreparedLayout prepared = new PreparedLayout(options.preparedDir());
    Preflight preflight = Preflight.of("RecommendJob");
    for (String path : List.of(prepared.train(), prepared.test(), prepared.users(),
        prepared.items(), prepared.summary())) {
      preflight.input(RecommendOptions.PREPARED_DIR, path, "PrepareJob writes it");
    }
    return preflight
        .input(RecommendOptions.MODEL_DIR, new ModelLayout(options.modelDir()).model(),
            "TrainJob writes it")
        .output(RecommendOptions.RECOMMENDATIONS_DIR, options.recommendationsDir(),
            options.overwrite())
        .passed();
  }
}
