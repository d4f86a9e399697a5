package org.ncfspark.synthetic;

import java.io.Serializable;
import org.ncfspark.cli.UserError;

/**
 * How many users and movies a synthetic MovieLens of a given number of ratings has, and how many
 * ratings each user gives. Users grow linearly with the ratings and movies a little slower, as
 * across the MovieLens releases; at 25,000,095 ratings the counts are MovieLens 25M's (162,541
 * users, 62,423 movies).
 *
 * <p>A user's ratings follow a Zipf-Mandelbrot curve over activity ranks, {@code scale * (rank
 * + offset) ^ -0.8}, less its value at the last rank, on top of MovieLens' minimum of 20, with an
 * offset of 30 at 162,541 users scaled with the users: the least active users give exactly 20.
 * The most active users are clipped at a third of the catalogue, so every user keeps plenty of
 * unseen movies to draw negatives from. Every user's
 * count is a function of the rank alone, and the counts add up to exactly the ratings asked for:
 * the scale is the largest whose rounded-down counts do not exceed them, and the ratings still
 * missing go, one each, to the most active users.
 *
 * @param ratings ratings in total
 * @param users users, ids 1..users
 * @param movies movies, ids 1..movies
 * @param offset the activity curve's offset
 * @param scale the activity curve's scale
 * @param remainder users, from the most active down, who get one rating more than the curve
 */
public record SyntheticShape(long ratings, int users, int movies, double offset,
    double scale, long remainder) implements Serializable {

  public static final long MOVIELENS_25M_RATINGS = 25_000_095;
  public static final int MOVIELENS_25M_USERS = 162_541;
  public static final int MOVIELENS_25M_MOVIES = 62_423;
  public static final int MIN_RATINGS_PER_USER = 20;

  static final double ACTIVITY_EXPONENT = 0.8;
  static final double MOVIE_GROWTH = 0.6;
  static final double MOVIELENS_OFFSET = 30;
  static final int MIN_MOVIES = 100;
  static final int CATALOGUE_SHARE_OF_MOST_ACTIVE = 3;

  /** The shape for {@code ratings}; {@code users} or {@code movies} of 0 scale like MovieLens. */
  public static SyntheticShape of(long ratings, int users, int movies) {
    double scale = (double) ratings / MOVIELENS_25M_RATINGS;
    int userCount = users > 0 ? users : (int) Math.max(1, Math.round(scale * MOVIELENS_25M_USERS));
    int movieCount = movies > 0 ? movies
        : (int) Math.max(MIN_MOVIES, Math.round(MOVIELENS_25M_MOVIES
            * StrictMath.pow(scale, MOVIE_GROWTH)));
    long cap = maxPerUser(movieCount);
    if (ratings < (long) MIN_RATINGS_PER_USER * userCount) {
      throw new UserError("option '--ratings': " + ratings + " ratings cannot give " + userCount
          + " users at least " + MIN_RATINGS_PER_USER + " each; raise --ratings or lower --users");
    }
    if (ratings > (cap - 1) * userCount) {
      throw new UserError("option '--ratings': " + ratings + " ratings need about " + cap
          + " or more per user from " + userCount + " users, a third of the " + movieCount
          + " movies; raise --movies or --users");
    }

    long extra = ratings - (long) MIN_RATINGS_PER_USER * userCount;
    double offset = Math.max(1, MOVIELENS_OFFSET * userCount / MOVIELENS_25M_USERS);
    long maxExtra = cap - MIN_RATINGS_PER_USER - 1;
    double low = 0;
    double high = 1;
    double[] weights = weights(userCount, offset);
    while (extras(weights, high, maxExtra) < extra) {
      high *= 2;
    }
    for (int step = 0; step < 100 && high - low > Math.ulp(high); step++) {
      double middle = (low + high) / 2;
      if (extras(weights, middle, maxExtra) <= extra) {
        low = middle;
      } else {
        high = middle;
      }
    }
    long remainder = extra - extras(weights, low, maxExtra);
    return new SyntheticShape(ratings, userCount, movieCount, offset, low, remainder);
  }

  /** Ratings of the user of activity rank {@code rank} (0 the most active). */
  public int ratingsOf(long rank) {
    return Math.toIntExact(MIN_RATINGS_PER_USER
        + curve(weight(rank, users, offset), scale, maxPerUser(movies) - MIN_RATINGS_PER_USER - 1)
        + (rank < remainder ? 1 : 0));
  }

  static long maxPerUser(int movies) {
    return Math.max(MIN_RATINGS_PER_USER + 1, movies / CATALOGUE_SHARE_OF_MOST_ACTIVE);
  }

  /**
   * The curve less its value at the last rank, so the least active user has exactly the minimum.
   * StrictMath, so that the driver and every executor compute the same counts.
   */
  private static double weight(long rank, int users, double offset) {
    return StrictMath.pow(rank + offset, -ACTIVITY_EXPONENT)
        - StrictMath.pow(users - 1 + offset, -ACTIVITY_EXPONENT);
  }

  private static long curve(double weight, double scale, long maxExtra) {
    return (long) Math.min(maxExtra, Math.floor(scale * weight));
  }

  private static double[] weights(int users, double offset) {
    double[] weights = new double[users];
    for (int rank = 0; rank < users; rank++) {
      weights[rank] = weight(rank, users, offset);
    }
    return weights;
  }

  private static long extras(double[] weights, double scale, long maxExtra) {
    long sum = 0;
    for (double weight : weights) {
      sum += curve(weight, scale, maxExtra);
    }
    return sum;
  }
}
