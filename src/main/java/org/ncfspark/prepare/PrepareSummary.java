package org.ncfspark.prepare;

import java.util.Map;

/**
 * Every count PrepareJob measured and the parameters it ran with; written as summary.json and
 * carried into model.json so a model always says what data it was trained on.
 *
 * @param badRows per input file, the rows dropped as malformed, counted by problem
 */
public record PrepareSummary(
    Map<String, Map<String, Long>> badRows,
    Movies movies,
    Ratings ratings,
    long users,
    long items,
    Training training,
    Test test,
    Parameters parameters) {

  /**
   * @param read well-formed rows of movies.csv
   * @param kept movies that pass the year filter and have at least one kept rating: the items
   * @param droppedBeforeMinYear released before --min-year
   * @param droppedNoYear title carries no release year (kept with --keep-unknown-year)
   * @param droppedNoRatings pass the year filter but no kept user rated them
   */
  public record Movies(
      long read, long kept, long droppedBeforeMinYear, long droppedNoYear,
      long droppedNoRatings) {}

  /**
   * @param read well-formed rows of ratings.csv
   * @param kept distinct (user, movie) positives after every filter
   * @param droppedMovieNotKept the movie was dropped by the year filter
   * @param droppedUnknownMovie the movie is not in movies.csv
   * @param droppedRepeated a repeated (user, movie) pair, counted once at its latest timestamp
   * @param droppedUserBelowMinInteractions the user has fewer than --min-interactions positives
   * @param usersRead distinct users in ratings.csv
   * @param usersDropped users with fewer than --min-interactions positives
   */
  public record Ratings(
      long read, long kept, long droppedMovieNotKept, long droppedUnknownMovie,
      long droppedRepeated, long droppedUserBelowMinInteractions, long usersRead,
      long usersDropped) {}

  public record Training(long positives, long negatives, long rows) {}

  /**
   * @param usersWithFewerNegatives users given fewer than --test-negatives negatives because
   *     they had seen almost every item (only with --allow-fewer-negatives)
   */
  public record Test(long users, long rows, long negatives, long usersWithFewerNegatives) {}

  public record Parameters(
      String inputDir, int minYear, boolean keepUnknownYear, int minInteractions,
      int trainNegatives, int testNegatives, boolean allowFewerNegatives, long seed,
      String tieRule, InputRules inputRules) {}
}
