package org.ncfspark.synthetic;

import org.ncfspark.cli.UserError;
import picocli.CommandLine.Option;

/** What SyntheticMovieLensJob generates and where it writes it. */
public class SyntheticOptions {

  @Option(names = "--output-dir", required = true, paramLabel = "DIR",
      description = "Where to write movies.csv and ratings.csv (any Hadoop path).")
  public String outputDir;

  @Option(names = "--overwrite",
      description = "Replace an existing --output-dir (only once the new one is complete).")
  public boolean overwrite;

  @Option(names = "--ratings", defaultValue = "1000000", paramLabel = "N",
      description = "Ratings to generate, exactly; MovieLens 25M has 25000095.")
  public long ratings = 1_000_000;

  @Option(names = "--users", defaultValue = "0", paramLabel = "N",
      description = "Users, each with at least 20 ratings; 0 scales with --ratings like "
          + "MovieLens (162541 at 25000095 ratings).")
  public int users;

  @Option(names = "--movies", defaultValue = "0", paramLabel = "N",
      description = "Movies in movies.csv; 0 scales with --ratings like MovieLens (62423 at "
          + "25000095 ratings).")
  public int movies;

  @Option(names = "--clusters", defaultValue = "20", paramLabel = "N",
      description = "Taste clusters: every user and movie belongs to one.")
  public int clusters = 20;

  @Option(names = "--taste-share", defaultValue = "0.5", paramLabel = "SHARE",
      description = "Share of a user's ratings drawn from the movies of the user's taste "
          + "cluster; the rest follow popularity alone. 0 plants no preference.")
  public double tasteShare = 0.5;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
      description = "Seed of every draw; the output depends on nothing else.")
  public long seed = 42;

  @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
      description = "Partitions generating the ratings; 0 uses one per million ratings, at least "
          + "Spark's default parallelism. The output does not depend on it.")
  public int partitions;

  void validate() {
    if (ratings < 1) {
      throw new UserError("option '--ratings': expected at least 1, got " + ratings);
    }
    if (users < 0 || movies < 0 || partitions < 0) {
      String option = users < 0 ? "--users" : movies < 0 ? "--movies" : "--partitions";
      throw new UserError("option '" + option + "': expected 0 or more");
    }
    if (clusters < 1) {
      throw new UserError("option '--clusters': expected at least 1, got " + clusters);
    }
    if (!(tasteShare >= 0 && tasteShare <= 1)) {
      throw new UserError("option '--taste-share': expected a share from 0 to 1, got "
          + tasteShare);
    }
  }
}
