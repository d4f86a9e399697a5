package org.ncfspark;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.ncfspark.cli.ConfigOption;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.cli.Preflight;
import org.ncfspark.cli.ValidateOption;
import org.ncfspark.data.ModelLayout;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.evaluate.EvaluateOptions;
import org.ncfspark.evaluate.Evaluation;
import org.ncfspark.evaluate.EvaluationMetrics;
import org.ncfspark.evaluate.EvaluationReport;
import org.ncfspark.spark.ComputeDevices;
import org.ncfspark.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Ranks each test user's positive with a trained model and with baselines, among its sampled
 * candidates and against the whole unseen catalogue: HR@K, NDCG@K, MRR, AUC with intervals.
 */
@Command(
    name = "EvaluateJob",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Scores each test user's candidates with a trained NCF model and baselines "
        + "(random, popularity, ALS) and reports HR@K, NDCG@K, MRR and AUC with bootstrap 95%% "
        + "intervals, for the sampled candidates and for the whole unseen catalogue (ties count "
        + "against the positive). Writes metrics.json, report.md, hr_at_k.png and ranks/.")
public final class EvaluateJob implements Callable<Integer> {

  @Mixin
  private ConfigOption config;

  @Mixin
  private ValidateOption validate;

  @Mixin
  private EvaluateOptions options;

  public static void main(String[] args) {
    JobCommand.main(new EvaluateJob(), args);
  }

  /** The session is left running: the JVM's exit stops it, and tests run jobs in one JVM. */
  @Override
  public Integer call() {
    if (validate.requested()) {
      return checkOnly();
    }
    SparkSession spark = Sessions.start("ncf-spark EvaluateJob");
    ComputeDevices.log(spark);
    EvaluationMetrics metrics = new Evaluation(spark).run(options);
    // The quick start shows the comparison on stdout; report.md holds the same table.
    System.out.print(EvaluationReport.table(metrics));
    return 0;
  }

  /** --validate: the options, the prepared parts the evaluation reads, the model. */
  private int checkOnly() {
    options.validate();
    PreparedLayout prepared = new PreparedLayout(options.preparedDir());
    String fromPrepare = "PrepareJob writes it";
    Preflight preflight = Preflight.of("EvaluateJob")
        .input(EvaluateOptions.PREPARED_DIR, prepared.train(), fromPrepare)
        .input(EvaluateOptions.PREPARED_DIR, prepared.test(), fromPrepare)
        .input(EvaluateOptions.PREPARED_DIR, prepared.summary(), fromPrepare);
    for (String dir : options.modelDirs()) {
      preflight.input(EvaluateOptions.MODEL_DIR, new ModelLayout(dir).model(),
          "TrainJob writes it");
    }
    return preflight
        .output(EvaluateOptions.EVALUATION_DIR, options.evaluationDir(), options.overwrite())
        .passed();
  }
}
