package org.ncfspark;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.ncfspark.cli.ConfigOption;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.spark.Sessions;
import org.ncfspark.train.TrainOptions;
import org.ncfspark.train.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Trains an NCF model on prepared data with Spark and writes it to a model directory. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Trains an NCF model on the prepared training rows by parameter averaging "
        + "and writes model.zip, model.json and a checkpoint per epoch under --model-dir.")
public final class TrainJob implements Callable<Integer> {

  @Mixin
  private ConfigOption config;

  @Mixin
  private TrainOptions options;

  public static void main(String[] args) {
    JobCommand.main(new TrainJob(), args);
  }

  @Override
  public Integer call() {
    options.validate();
    SparkSession spark = Sessions.start("ncf-train");
    try {
      Training.run(spark, options);
    } finally {
      spark.stop();
    }
    return 0;
  }
}
