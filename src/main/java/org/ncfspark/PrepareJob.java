package org.ncfspark;

import java.util.concurrent.Callable;
import org.ncfspark.cli.ConfigOption;
import org.ncfspark.cli.JobCommand;
import org.ncfspark.cli.Preflight;
import org.ncfspark.cli.ValidateOption;
import org.ncfspark.io.Storage;
import org.ncfspark.prepare.MovieLensInput;
import org.ncfspark.prepare.Preparation;
import org.ncfspark.prepare.PrepareOptions;
import org.ncfspark.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Spark job: MovieLens CSVs to encoded, split and negative-sampled Parquet. */
@Command(
    name = "PrepareJob",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Filters MovieLens ratings by release year, encodes users and movies, holds "
        + "out each user's latest positive and samples negatives for training and test.")
public final class PrepareJob implements Callable<Integer> {

  @Mixin
  private ConfigOption config;

  @Mixin
  private ValidateOption validate;

  @Mixin
  private PrepareOptions options;

  public static void main(String[] args) {
    JobCommand.main(new PrepareJob(), args);
  }

  /** The session is left running: the JVM's exit stops it, and tests run jobs in one JVM. */
  @Override
  public Integer call() {
    if (validate.requested()) {
      return checkOnly();
    }
    new Preparation(Sessions.start("ncf-spark PrepareJob"), options).run();
    return 0;
  }

  /** --validate: the options, both CSVs and the output directory, without Spark. */
  private int checkOnly() {
    options.validate();
    String expected = "expected a MovieLens directory holding " + MovieLensInput.MOVIES_FILE
        + " and " + MovieLensInput.RATINGS_FILE;
    return Preflight.of("PrepareJob")
        .input("--input-dir", Storage.child(options.inputDir, MovieLensInput.MOVIES_FILE),
            expected)
        .input("--input-dir", Storage.child(options.inputDir, MovieLensInput.RATINGS_FILE),
            expected)
        .output("--prepared-dir", options.preparedDir, options.overwrite)
        .passed();
  }
}
