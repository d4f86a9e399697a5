package org.ncfspark.prepare;

import org.ncfspark.cli.UserError;
import picocli.CommandLine.Option;

/** What PrepareJob reads, where it writes, and how it filters, splits and samples. */
public class PrepareOptions {

  @Option(names = "--input-dir", required = true, paramLabel = "DIR",
      description = "MovieLens directory holding movies.csv and ratings.csv (any Hadoop path).")
  public String inputDir;

  @Option(names = "--prepared-dir", required = true, paramLabel = "DIR",
      description = "Where to write train/, test/, users/, items/ and summary.json.")
  public String preparedDir;

  @Option(names = "--overwrite",
      description = "Replace an existing --prepared-dir (only once the new one is complete).")
  public boolean overwrite;

  @Option(names = "--min-year", defaultValue = "2010", paramLabel = "YEAR",
      description = "Keep movies released in this year or later; 0 keeps every year.")
  public int minYear;

  @Option(names = "--keep-unknown-year",
      description = "Keep movies whose title carries no release year (dropped by default).")
  public boolean keepUnknownYear;

  @Option(names = "--min-interactions", defaultValue = "2", paramLabel = "N",
      description = "Drop users with fewer positives: one goes to test, the rest to training.")
  public int minInteractions;

  @Option(names = "--train-negatives", defaultValue = "4", paramLabel = "N",
      description = "Negatives sampled per training positive, from movies the user never rated.")
  public int trainNegatives;

  @Option(names = "--test-negatives", defaultValue = "99", paramLabel = "N",
      description = "Distinct negatives sampled per test user, from movies the user never rated.")
  public int testNegatives;

  @Option(names = "--allow-fewer-negatives",
      description = "A user with fewer unseen movies than --test-negatives gets all of them "
          + "instead of failing the job.")
  public boolean allowFewerNegatives;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
      description = "Seed of the negative sampling; the output depends on nothing else.")
  public long seed;

  @Option(names = "--on-bad-rows", defaultValue = "drop", paramLabel = "fail|drop",
      description = "What a malformed row of movies.csv or ratings.csv does: fail stops at the "
          + "first, naming file, line and problem; drop leaves it out and counts it in "
          + "summary.json.")
  public InputRules.OnBadRows onBadRows = InputRules.OnBadRows.DROP;

  @Option(names = "--max-bad-fraction", defaultValue = "0.01", paramLabel = "FRACTION",
      description = "With --on-bad-rows=drop, the share of a file's rows that may be bad before "
          + "the job fails anyway: that many point at a wrong file, not at noise.")
  public double maxBadFraction = 0.01;

  @Option(names = "--min-rating", defaultValue = "0.5", paramLabel = "RATING",
      description = "Lowest rating of the input's scale; a rating below it is a bad row.")
  public double minRating = 0.5;

  @Option(names = "--max-rating", defaultValue = "5.0", paramLabel = "RATING",
      description = "Highest rating of the input's scale; a rating above it is a bad row.")
  public double maxRating = 5.0;

  @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
      description = "Partitions of the per-user work and of train/ and test/; 0 uses "
          + "spark.sql.shuffle.partitions. The output does not depend on it.")
  public int partitions;

  /** Rejects values no run could use, naming the option. */
  public void validate() {
    requireAtLeast("--min-interactions", minInteractions, 2);
    requireAtLeast("--train-negatives", trainNegatives, 0);
    requireAtLeast("--test-negatives", testNegatives, 1);
    requireAtLeast("--partitions", partitions, 0);
    if (!(maxBadFraction >= 0 && maxBadFraction <= 1)) {
      throw new UserError("option '--max-bad-fraction': expected a fraction from 0 to 1, got "
          + maxBadFraction);
    }
    if (!(minRating <= maxRating)) {
      throw new UserError("option '--min-rating': expected at most --max-rating="
          + maxRating + ", got " + minRating);
    }
  }

  private static void requireAtLeast(String option, long value, long minimum) {
    if (value < minimum) {
      throw new UserError("option '" + option + "': expected at least " + minimum + ", got "
          + value);
    }
  }
}
