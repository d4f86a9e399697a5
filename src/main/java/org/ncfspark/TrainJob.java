package org.ncfspark;

import java.util.concurrent.Callable;
import org.ncfspark.cli.ConfigOption;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.cli.Preflight;
import org.ncfspark.cli.ValidateOption;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.spark.Sessions;
import org.ncfspark.train.TrainOptions;
import org.ncfspark.train.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Trains an NCF model on prepared data with Spark and writes it to a model directory. */
@Command(
    name = "TrainJob",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Trains an NCF model on the prepared training rows by parameter averaging "
        + "and writes model.zip, model.json and a checkpoint per epoch under --model-dir.")
public final class TrainJob implements Callable<Integer> {

  @Mixin
  private ConfigOption config;

  @Mixin
  private ValidateOption validate;

  @Mixin
  private TrainOptions options;

  public static void main(String[] args) {
    JobCommand.main(new TrainJob(), args);
  }

  /** The session is left running: the JVM's exit stops it, and tests run jobs in one JVM. */
  @Override
  public Integer call() {
    if (validate.requested()) {
      return checkOnly();
    }
    Training.run(Sessions.start("ncf-spark TrainJob"), options);
    return 0;
  }

  /** --validate: the options, the prepared rows and summary, the model directory. */
  private int checkOnly() {
    options.validate();
    PreparedLayout prepared = new PreparedLayout(options.preparedDir());
    return Preflight.of("TrainJob")
        .input("--prepared-dir", prepared.train(), "PrepareJob writes it")
        .input("--prepared-dir", prepared.summary(), "PrepareJob writes it")
        .output("--model-dir", options.modelDir(), options.overwrite())
        .passed();
  }
}
