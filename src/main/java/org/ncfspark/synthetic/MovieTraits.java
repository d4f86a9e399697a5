package org.ncfspark.synthetic;

import java.io.Serializable;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * What each synthetic movie is, as a pure function of the seed and its id: release year, taste
 * cluster, popularity, title and genres. Executors and the driver compute the same movie without
 * exchanging a table.
 *
 * <p>Release years grow exponentially towards the present, like MovieLens 25M's catalogue, so
 * that about a third of the movies are from 2010 on; 0.7% of the titles carry no year, as in
 * MovieLens. Popularity is Zipf-like, {@code 1 / (rank + offset)} over a seeded permutation of
 * the ids, with MovieLens 25M's offset of 30 scaled to the catalogue: there the top 1% of movies
 * hold about 40% of the popularity. A movie's genres lean towards its cluster's two signature
 * genres, so taste is visible in the data as it is in real catalogues.
 */
final class MovieTraits implements Serializable {

  static final int FIRST_YEAR = 1900;
  static final int LAST_YEAR = 2019;

  /** Movies per year grow by e every this many years, up to 2015. */
  private static final double YEAR_GROWTH = 23;
  private static final double NO_YEAR_SHARE = 0.007;
  private static final double NO_GENRE_SHARE = 0.01;
  private static final double SIGNATURE_GENRE_SHARE = 0.8;
  private static final double POPULARITY_OFFSET = 30;

  private static final List<String> GENRES = List.of("Action", "Adventure", "Animation",
      "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror",
      "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");
  private static final String NO_GENRES = "(no genres listed)";

  private static final String[] ADJECTIVES = {"Silent", "Last", "Dark", "Lost", "Golden",
      "Broken", "Hidden", "Little", "Wild", "Red", "Final", "Secret", "Endless", "Frozen",
      "Burning", "Quiet", "Electric", "Forgotten", "Crooked", "Midnight"};
  private static final String[] NOUNS = {"River", "City", "Night", "Summer", "Road", "Garden",
      "Storm", "Mirror", "Island", "Kingdom", "Heart", "Winter", "Train", "Shadow", "Letter",
      "Witness", "Stranger", "Dance", "Harbor", "Machine", "Wolf", "Promise", "Echo", "Border"};
  private static final String[] NAMES = {"Anna", "Max", "Lucia", "Omar", "Jules", "Mei",
      "Viktor", "Rosa", "Tom", "Ingrid", "Kofi", "Elena"};

  private static final double[] YEAR_CUMULATIVE = yearCumulative();

  private final long seed;
  private final int movies;
  private final int clusters;
  private final Seeds.Permutation popularityRanks;

  MovieTraits(long seed, int movies, int clusters) {
    this.seed = seed;
    this.movies = movies;
    this.clusters = clusters;
    this.popularityRanks = Seeds.Permutation.of(movies, seed, Seeds.MOVIE);
  }

  /** One movie's traits, for movieId 1..movies. */
  Movie movie(int movieId) {
    SplittableRandom random = Seeds.random(seed, Seeds.MOVIE, movieId);
    int year = year(random.nextDouble());
    boolean yearInTitle = random.nextDouble() >= NO_YEAR_SHARE;
    int cluster = random.nextInt(clusters);
    String title = name(random) + (yearInTitle ? " (" + year + ")" : "");
    String genres = genres(random, cluster);
    double offset = Math.max(1, POPULARITY_OFFSET * movies / SyntheticShape.MOVIELENS_25M_MOVIES);
    double popularity = 1 / (popularityRanks.apply(movieId - 1) + offset);
    return new Movie(movieId, year, cluster, popularity, title, genres);
  }

  /** A movie: the year is when it may first be rated, even when its title does not show it. */
  record Movie(int movieId, int year, int cluster, double popularity, String title,
      String genres) {}

  private static int year(double uniform) {
    for (int i = 0; i < YEAR_CUMULATIVE.length; i++) {
      if (uniform < YEAR_CUMULATIVE[i]) {
        return FIRST_YEAR + i;
      }
    }
    return LAST_YEAR;
  }

  private static double[] yearCumulative() {
    double[] weights = new double[LAST_YEAR - FIRST_YEAR + 1];
    double total = 0;
    for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      // The catalogue ends in November 2019, so 2019 has fewer releases than the years before.
      double weight = year <= 2015 ? StrictMath.exp((year - 2015) / YEAR_GROWTH)
          : year < LAST_YEAR ? 1 : 0.6;
      total += weight;
      weights[year - FIRST_YEAR] = total;
    }
    for (int i = 0; i < weights.length; i++) {
      weights[i] /= total;
    }
    return weights;
  }

  /** Names in MovieLens' style, some with a trailing article or quotes that CSV must quote. */
  private static String name(SplittableRandom random) {
    String adjective = ADJECTIVES[random.nextInt(ADJECTIVES.length)];
    String noun = NOUNS[random.nextInt(NOUNS.length)];
    String other = NOUNS[random.nextInt(NOUNS.length)];
    return switch (random.nextInt(10)) {
      case 0, 1 -> adjective + " " + noun + ", The";
      case 2 -> noun + " of the " + other;
      case 3 -> NAMES[random.nextInt(NAMES.length)] + "'s " + noun;
      case 4 -> adjective + " " + noun + ": " + other + " " + (2 + random.nextInt(3));
      case 5 -> "\"" + noun + "\" and the " + adjective + " " + other;
      case 6 -> noun + ", " + adjective + " " + other;
      default -> "The " + adjective + " " + noun;
    };
  }

  private String genres(SplittableRandom random, int cluster) {
    if (random.nextDouble() < NO_GENRE_SHARE) {
      return NO_GENRES;
    }
    TreeSet<String> chosen = new TreeSet<>();
    int[] signature = signature(cluster);
    if (random.nextDouble() < SIGNATURE_GENRE_SHARE) {
      chosen.add(GENRES.get(signature[0]));
      if (random.nextBoolean()) {
        chosen.add(GENRES.get(signature[1]));
      }
    }
    int others = chosen.isEmpty() ? 1 + random.nextInt(2) : random.nextInt(2);
    for (int i = 0; i < others; i++) {
      chosen.add(GENRES.get(random.nextInt(GENRES.size())));
    }
    return String.join("|", chosen);
  }

  /** The two genres a cluster's movies lean towards. */
  private int[] signature(int cluster) {
    SplittableRandom random = Seeds.random(seed, Seeds.LAYOUT, 1_000 + cluster);
    int first = random.nextInt(GENRES.size());
    int second = (first + 1 + random.nextInt(GENRES.size() - 1)) % GENRES.size();
    return new int[] {first, second};
  }
}
