package org.ncfspark.synthetic;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Writes one synthetic user's ratings as ratings.csv lines, from the user's own random stream.
 *
 * <p>A user has an activity rank (how many ratings, from {@link SyntheticShape}), a taste cluster
 * and a rating period: a start drawn from MovieLens' yearly activity between January 1995 and
 * November 2019, and a span that is a single sitting for almost half the users and up to ten
 * years for the rest. Each rating falls at a uniform time of that period and picks, by
 * popularity, a movie released by then that the user has not rated yet: from the user's taste
 * cluster with probability {@code tasteShare}, else from the whole catalogue. Ratings are half
 * stars distributed like MovieLens 25M's, a half star higher on average within the user's taste.
 * Lines come sorted by movieId, as in MovieLens.
 */
final class UserRatings implements Serializable {

  static final long FIRST_TIMESTAMP = epochSecond(LocalDate.of(1995, 1, 9));
  static final long LAST_TIMESTAMP = epochSecond(LocalDate.of(2019, 11, 21)) + 86_399;

  private static final int FIRST_ACTIVE_YEAR = 1995;
  private static final int LAST_ACTIVE_YEAR = 2019;
  /** Relative numbers of users starting in each year from 1995 to 2019. */
  private static final double[] START_YEAR_WEIGHTS = {0.05, 4, 2, 1, 2.5, 4.5, 2.5, 2, 2.2, 2.2,
      3, 2.3, 2.2, 2.4, 2, 2, 1.7, 1.6, 1.3, 1.2, 3, 3.6, 3.8, 3.6, 2.8};
  /** MovieLens 25M's shares of the ratings 0.5, 1.0, ..., 5.0. */
  private static final double[] RATING_SHARES = {0.016, 0.031, 0.016, 0.066, 0.050, 0.196,
      0.126, 0.266, 0.085, 0.148};
  private static final String[] HALF_STARS = {"0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5",
      "4.0", "4.5", "5.0"};
  private static final double SINGLE_SITTING_SHARE = 0.45;
  private static final long DAY = 86_400;
  private static final long MAX_SPAN = 10 * 365 * DAY;
  private static final int DRAW_ATTEMPTS = 32;

  private static final long[] YEAR_STARTS = yearStarts();
  private static final double[] START_YEAR_CUMULATIVE = cumulative(START_YEAR_WEIGHTS);
  private static final double[] RATING_CUMULATIVE = cumulative(RATING_SHARES);

  private final long seed;
  private final SyntheticShape shape;
  private final Catalogue catalogue;
  private final int clusters;
  private final double tasteShare;
  private final Seeds.Permutation activityRanks;

  UserRatings(long seed, SyntheticShape shape, Catalogue catalogue, int clusters,
      double tasteShare) {
    this.seed = seed;
    this.shape = shape;
    this.catalogue = catalogue;
    this.clusters = clusters;
    this.tasteShare = tasteShare;
    this.activityRanks = Seeds.Permutation.of(shape.users(), seed, Seeds.USER);
  }

  /** The taste cluster of {@code userId}; the first draw of the user's stream. */
  int cluster(int userId) {
    return Seeds.random(seed, Seeds.USER, userId).nextInt(clusters);
  }

  int ratingsOf(int userId) {
    return shape.ratingsOf(activityRanks.apply(userId - 1));
  }

  /**
   * Appends the user's lines, each ending in a newline except the last. {@code seen} is scratch
   * space of at least movies + 1 bits, all clear, and is left clear.
   */
  void append(int userId, StringBuilder out, BitSet seen) {
    SplittableRandom random = Seeds.random(seed, Seeds.USER, userId);
    int cluster = random.nextInt(clusters);
    int count = ratingsOf(userId);
    long[] times = times(random, count);
    long[] picks = new long[count];
    long[] timestamps = new long[count];
    for (int i = 0; i < count; i++) {
      long time = times[i];
      int movieId = draw(random, cluster, yearOf(time), seen);
      if (movieId < 0) {
        movieId = anyUnseen(random, seen);
        int release = Math.max(catalogue.year(movieId), FIRST_ACTIVE_YEAR);
        time = Math.max(time, YEAR_STARTS[release - FIRST_ACTIVE_YEAR]);
      }
      seen.set(movieId);
      timestamps[i] = time;
      // The movieId in the high bits sorts the picks by movie; the low bits keep their index.
      picks[i] = ((long) movieId << 32) | i;
    }
    Arrays.sort(picks);
    for (int i = 0; i < count; i++) {
      int movieId = (int) (picks[i] >>> 32);
      long time = timestamps[(int) picks[i]];
      boolean toTaste = catalogue.cluster(movieId) == cluster;
      seen.clear(movieId);
      out.append(userId).append(',').append(movieId).append(',')
          .append(rating(random, toTaste)).append(',').append(time);
      if (i + 1 < count) {
        out.append('\n');
      }
    }
  }

  private long[] times(SplittableRandom random, int count) {
    double year = random.nextDouble();
    int startYear = FIRST_ACTIVE_YEAR + index(START_YEAR_CUMULATIVE, year);
    long yearStart = Math.max(FIRST_TIMESTAMP, YEAR_STARTS[startYear - FIRST_ACTIVE_YEAR]);
    long yearEnd = Math.min(LAST_TIMESTAMP, YEAR_STARTS[startYear - FIRST_ACTIVE_YEAR + 1] - 1);
    long start = yearStart + random.nextLong(yearEnd - yearStart + 1);
    long span = random.nextDouble() < SINGLE_SITTING_SHARE
        ? count * (20 + random.nextLong(100))
        : (long) StrictMath.exp(StrictMath.log(DAY)
            + random.nextDouble() * StrictMath.log((double) MAX_SPAN / DAY));
    span = Math.min(span, LAST_TIMESTAMP - FIRST_TIMESTAMP);
    if (start + span > LAST_TIMESTAMP) {
      start = LAST_TIMESTAMP - span;
    }
    long[] times = new long[count];
    for (int i = 0; i < count; i++) {
      times[i] = start + random.nextLong(span + 1);
    }
    return times;
  }

  private int draw(SplittableRandom random, int cluster, int year, BitSet seen) {
    for (int attempt = 0; attempt < DRAW_ATTEMPTS; attempt++) {
      int movieId = random.nextDouble() < tasteShare
          ? catalogue.drawFromCluster(cluster, year, random)
          : catalogue.draw(year, random);
      if (movieId > 0 && !seen.get(movieId)) {
        return movieId;
      }
    }
    return -1;
  }

  /**
   * For a user who has rated nearly every popular movie released so far: the first unseen movie
   * from a random place in the catalogue. A user never rates more than a quarter of it, so one
   * exists; the caller moves the rating to its release year if need be.
   */
  private int anyUnseen(SplittableRandom random, BitSet seen) {
    int movies = catalogue.movies();
    int from = 1 + random.nextInt(movies);
    int movieId = seen.nextClearBit(from);
    return movieId <= movies ? movieId : seen.nextClearBit(1);
  }

  private static String rating(SplittableRandom random, boolean toTaste) {
    int step = index(RATING_CUMULATIVE, random.nextDouble());
    double shift = random.nextDouble();
    if (toTaste && shift < 0.5) {
      step = Math.min(step + 1, RATING_SHARES.length - 1);
    } else if (!toTaste && shift < 0.3) {
      step = Math.max(step - 1, 0);
    }
    return HALF_STARS[step];
  }

  static int yearOf(long timestamp) {
    int found = Arrays.binarySearch(YEAR_STARTS, timestamp);
    int index = found >= 0 ? found : -found - 2;
    return FIRST_ACTIVE_YEAR + Math.max(0, Math.min(index, LAST_ACTIVE_YEAR - FIRST_ACTIVE_YEAR));
  }

  private static int index(double[] cumulative, double uniform) {
    for (int i = 0; i < cumulative.length; i++) {
      if (uniform < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  private static long[] yearStarts() {
    long[] starts = new long[LAST_ACTIVE_YEAR - FIRST_ACTIVE_YEAR + 2];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = epochSecond(LocalDate.of(FIRST_ACTIVE_YEAR + i, 1, 1));
    }
    return starts;
  }

  private static double[] cumulative(double[] weights) {
    double total = Arrays.stream(weights).sum();
    double[] cumulative = new double[weights.length];
    double running = 0;
    for (int i = 0; i < weights.length; i++) {
      running += weights[i];
      cumulative[i] = running / total;
    }
    return cumulative;
  }

  private static long epochSecond(LocalDate date) {
    return date.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  }
}
