package org.ncfspark;

import java.util.concurrent.Callable;
import org.ncfspark.cli.ConfigOption;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.spark.Sessions;
import org.ncfspark.synthetic.SyntheticMovieLens;
import org.ncfspark.synthetic.SyntheticOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Spark job: a synthetic MovieLens directory of any size, for benchmarks and scale tests. */
@Command(
    name = "SyntheticMovieLensJob",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Generates movies.csv and ratings.csv in MovieLens 25M's format at any size: "
        + "users and movies scale like MovieLens, long-tailed popularity and activity, release "
        + "years and timestamps like MovieLens', and planted taste clusters a model can learn.")
public final class SyntheticMovieLensJob implements Callable<Integer> {

  @Mixin
  private ConfigOption config;

  @Mixin
  private SyntheticOptions options;

  public static void main(String[] args) {
    JobCommand.main(new SyntheticMovieLensJob(), args);
  }

  /** The session is left running: the JVM's exit stops it, and tests run jobs in one JVM. */
  @Override
  public Integer call() {
    new SyntheticMovieLens(Sessions.start("ncf-spark SyntheticMovieLensJob"), options).run();
    return 0;
  }
}
