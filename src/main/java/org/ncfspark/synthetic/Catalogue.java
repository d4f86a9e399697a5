package org.ncfspark.synthetic;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Draws movies in proportion to their popularity among those released by a given year, from the
 * whole catalogue or from one taste cluster. Built once on the driver from the movie traits (one
 * entry per movie, never per rating) and broadcast to the executors.
 */
final class Catalogue implements Serializable {

  private static final int YEARS = MovieTraits.LAST_YEAR - MovieTraits.FIRST_YEAR + 1;

  private final Pool all;
  private final Pool[] byCluster;
  private final int[] yearById;
  private final int[] clusterById;

  private Catalogue(Pool all, Pool[] byCluster, int[] yearById, int[] clusterById) {
    this.all = all;
    this.byCluster = byCluster;
    this.yearById = yearById;
    this.clusterById = clusterById;
  }

  static Catalogue of(MovieTraits traits, int movies, int clusters) {
    MovieTraits.Movie[] catalogue = IntStream.rangeClosed(1, movies)
        .mapToObj(traits::movie)
        .sorted(Comparator.comparingInt(MovieTraits.Movie::year)
            .thenComparingInt(MovieTraits.Movie::movieId))
        .toArray(MovieTraits.Movie[]::new);
    Pool[] byCluster = new Pool[clusters];
    for (int cluster = 0; cluster < clusters; cluster++) {
      int c = cluster;
      byCluster[cluster] = Pool.of(Arrays.stream(catalogue)
          .filter(movie -> movie.cluster() == c)
          .toArray(MovieTraits.Movie[]::new));
    }
    int[] yearById = new int[movies];
    int[] clusterById = new int[movies];
    for (MovieTraits.Movie movie : catalogue) {
      yearById[movie.movieId() - 1] = movie.year();
      clusterById[movie.movieId() - 1] = movie.cluster();
    }
    return new Catalogue(Pool.of(catalogue), byCluster, yearById, clusterById);
  }

  /** A movieId released by {@code year}, or -1 when there is none. */
  int draw(int year, SplittableRandom random) {
    return all.draw(year, random);
  }

  /** A movieId of {@code cluster} released by {@code year}, or -1 when there is none. */
  int drawFromCluster(int cluster, int year, SplittableRandom random) {
    return byCluster[cluster].draw(year, random);
  }

  /** The release year of {@code movieId}. */
  int year(int movieId) {
    return yearById[movieId - 1];
  }

  /** The taste cluster of {@code movieId}. */
  int cluster(int movieId) {
    return clusterById[movieId - 1];
  }

  int movies() {
    return yearById.length;
  }

  /** Movies sorted by release year with their cumulative popularity. */
  private record Pool(int[] movieIds, double[] cumulative, int[] releasedBy)
      implements Serializable {

    static Pool of(MovieTraits.Movie[] sortedByYear) {
      int n = sortedByYear.length;
      int[] movieIds = new int[n];
      double[] cumulative = new double[n];
      int[] releasedBy = new int[YEARS];
      double total = 0;
      for (int i = 0; i < n; i++) {
        MovieTraits.Movie movie = sortedByYear[i];
        movieIds[i] = movie.movieId();
        total += movie.popularity();
        cumulative[i] = total;
        releasedBy[movie.year() - MovieTraits.FIRST_YEAR] = i + 1;
      }
      for (int i = 1; i < YEARS; i++) {
        releasedBy[i] = Math.max(releasedBy[i], releasedBy[i - 1]);
      }
      return new Pool(movieIds, cumulative, releasedBy);
    }

    int draw(int year, SplittableRandom random) {
      int index = Math.min(Math.max(year, MovieTraits.FIRST_YEAR), MovieTraits.LAST_YEAR)
          - MovieTraits.FIRST_YEAR;
      int released = releasedBy[index];
      if (released == 0) {
        return -1;
      }
      double target = random.nextDouble() * cumulative[released - 1];
      int found = Arrays.binarySearch(cumulative, 0, released, target);
      int position = found >= 0 ? found + 1 : -found - 1;
      return movieIds[Math.min(position, released - 1)];
    }
  }
}
