package org.ncfspark.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncfspark.prepare.InputRules;
import org.ncfspark.prepare.MovieLensInput;
import org.ncfspark.prepare.ReleaseYear;
import org.ncfspark.spark.TestSpark;

/** The generator's files: exact counts, determinism, MovieLens' schema and statistics. */
class SyntheticMovieLensTest {

  private static final long RATINGS = 40_000;

  @TempDir
  static Path temp;

  private static SyntheticShape shape;
  private static Path generated;
  private static Map<Integer, String[]> movies;
  private static List<Rating> ratings;

  private record Rating(int userId, int movieId, double value, long timestamp) {}

  private final SparkSession spark = TestSpark.session();

  @BeforeAll
  static void generate() throws IOException {
    generated = temp.resolve("ml");
    shape = new SyntheticMovieLens(TestSpark.session(), options(generated, RATINGS, 3, 42)).run();
    movies = new HashMap<>();
    try (Stream<String> lines = Files.lines(generated.resolve("movies.csv")).skip(1)) {
      lines.forEach(line -> {
        String[] fields = movieFields(line);
        movies.put(Integer.parseInt(fields[0]), fields);
      });
    }
    ratings = read(generated);
  }

  @Test
  @DisplayName("writes exactly the ratings asked for, every user with at least 20, and only "
      + "the two CSV files")
  void countsAsRequested() throws IOException {
    assertEquals(RATINGS, ratings.size());
    Map<Integer, Integer> perUser = new HashMap<>();
    ratings.forEach(rating -> perUser.merge(rating.userId(), 1, Integer::sum));
    assertEquals(shape.users(), perUser.size());
    assertEquals(260, shape.users());
    assertEquals(20, perUser.values().stream().mapToInt(Integer::intValue).min().orElseThrow());
    assertEquals(shape.movies(), movies.size());
    try (Stream<Path> files = Files.list(generated)) {
      assertEquals(Set.of("movies.csv", "ratings.csv"),
          new HashSet<>(files.map(file -> file.getFileName().toString()).toList()));
    }
    Set<Long> pairs = new HashSet<>();
    ratings.forEach(rating -> pairs.add((long) rating.userId() << 32 | rating.movieId()));
    assertEquals(RATINGS, pairs.size(), "a (user, movie) pair appears once");
  }

  @Test
  @DisplayName("the same seed gives the same bytes whatever the partitions; another seed not")
  void deterministicBySeed() throws IOException {
    Path one = temp.resolve("one");
    Path four = temp.resolve("four");
    Path other = temp.resolve("other");
    new SyntheticMovieLens(spark, small(options(one, 5_000, 1, 7))).run();
    new SyntheticMovieLens(spark, small(options(four, 5_000, 4, 7))).run();
    new SyntheticMovieLens(spark, small(options(other, 5_000, 4, 8))).run();

    for (String file : List.of("movies.csv", "ratings.csv")) {
      assertArrayEquals(Files.readAllBytes(one.resolve(file)),
          Files.readAllBytes(four.resolve(file)), file);
    }
    assertFalse(Arrays.equals(Files.readAllBytes(one.resolve("ratings.csv")),
        Files.readAllBytes(other.resolve("ratings.csv"))));
  }

  @Test
  @DisplayName("about a third of the movies are from 2010 on and a few carry no year")
  void releaseYearsLikeMovieLens() {
    long withYear = movies.values().stream().filter(m -> ReleaseYear.of(m[1]) != null).count();
    long recent = movies.values().stream().map(m -> ReleaseYear.of(m[1]))
        .filter(year -> year != null && year >= 2010).count();
    double recentShare = (double) recent / withYear;
    assertTrue(recentShare > 0.28 && recentShare < 0.39, "share from 2010 on " + recentShare);
    assertTrue(withYear < movies.size() && withYear > 0.97 * movies.size(),
        withYear + " of " + movies.size() + " with a year");
    assertTrue(movies.values().stream().anyMatch(m -> m[1].contains(", The (")),
        "some titles hold commas");
  }

  @Test
  @DisplayName("popularity is long-tailed: the top 1% of movies hold over 5% of the ratings and "
      + "the top 10% over 30%")
  void popularityIsLongTailed() {
    Map<Integer, Integer> perMovie = new HashMap<>();
    ratings.forEach(rating -> perMovie.merge(rating.movieId(), 1, Integer::sum));
    List<Integer> counts = perMovie.values().stream().sorted((a, b) -> b - a).toList();
    long topPercent = counts.stream().limit(shape.movies() / 100).mapToLong(c -> c).sum();
    long topTenth = counts.stream().limit(shape.movies() / 10).mapToLong(c -> c).sum();
    // With 40,000 ratings each user rates a larger share of the catalogue than at MovieLens'
    // size, which flattens the head; at 1M ratings the top 1% hold 15%.
    assertTrue(topPercent > 0.05 * RATINGS, topPercent + " ratings on the top 1%");
    assertTrue(topTenth > 0.30 * RATINGS, topTenth + " ratings on the top 10%");
  }

  @Test
  @DisplayName("timestamps lie in 1995..2019, never before the movie's release year, and "
      + "ratings are half stars")
  void timestampsAndRatingsLikeMovieLens() {
    long first = LocalDateTime.of(1995, 1, 9, 0, 0).toEpochSecond(ZoneOffset.UTC);
    long last = LocalDateTime.of(2019, 11, 22, 0, 0).toEpochSecond(ZoneOffset.UTC);
    for (Rating rating : ratings) {
      assertTrue(rating.timestamp() >= first && rating.timestamp() < last, rating.toString());
      double halfStars = rating.value() * 2;
      assertTrue(halfStars >= 1 && halfStars <= 10 && halfStars == Math.rint(halfStars),
          rating.toString());
      String[] movie = movies.get(rating.movieId());
      Integer year = ReleaseYear.of(movie[1]);
      int ratedIn = LocalDateTime.ofEpochSecond(rating.timestamp(), 0, ZoneOffset.UTC).getYear();
      assertTrue(year == null || ratedIn >= year, movie[1] + " rated in " + ratedIn);
    }
  }

  @Test
  @DisplayName("PrepareJob's reader, failing on the first bad row, reads every row of both files")
  void parsesWithPrepareJobsReader() {
    Path input = temp.resolve("small");
    new SyntheticMovieLens(spark, small(options(input, 5_000, 2, 3))).run();
    InputRules strict = new InputRules(InputRules.OnBadRows.FAIL, 0, 0.5, 5.0);
    MovieLensInput files = new MovieLensInput(spark, input.toString(), strict);
    try {
      assertEquals(Map.of(MovieLensInput.MOVIES_FILE, Map.of(), MovieLensInput.RATINGS_FILE,
          Map.of()), files.badRows());
      assertEquals(800, files.movies().count());
      assertEquals(5_000, files.ratings().count());
      assertEquals(5_000, files.ratings().join(files.movies(), "movieId").count(),
          "every rated movie is in movies.csv");
    } finally {
      files.unpersist();
    }
  }

  @Test
  @DisplayName("taste is planted: knowing a user's favourite cluster beats popularity by far, "
      + "and with --taste-share 0 it does not")
  void tasteBeatsPopularity() throws IOException {
    MovieTraits traits = new MovieTraits(42, shape.movies(), 20);
    double[] hitRates = HeldOutTaste.hitRates(ratings(ratings), traits, shape.movies());
    assertTrue(hitRates[1] > hitRates[0] + 0.15,
        "taste-aware " + hitRates[1] + " vs popularity " + hitRates[0]);

    Path flat = temp.resolve("flat");
    SyntheticOptions options = options(flat, RATINGS, 2, 42);
    options.tasteShare = 0;
    new SyntheticMovieLens(spark, options).run();
    double[] flatRates = HeldOutTaste.hitRates(ratings(read(flat)), traits, shape.movies());
    assertTrue(flatRates[1] < flatRates[0] + 0.03,
        "taste-aware " + flatRates[1] + " vs popularity " + flatRates[0] + " without taste");
  }

  private static int[][] ratings(List<Rating> ratings) {
    return ratings.stream()
        .map(r -> new int[] {r.userId(), r.movieId(), (int) r.timestamp()})
        .toArray(int[][]::new);
  }

  private static List<Rating> read(Path dir) throws IOException {
    try (Stream<String> lines = Files.lines(dir.resolve("ratings.csv")).skip(1)) {
      return lines.map(line -> line.split(",")).map(fields -> new Rating(
          Integer.parseInt(fields[0]), Integer.parseInt(fields[1]),
          Double.parseDouble(fields[2]), Long.parseLong(fields[3]))).toList();
    }
  }

  /** 5,000 ratings would get only 377 movies, too few for 33 users' long tails. */
  private static SyntheticOptions small(SyntheticOptions options) {
    options.movies = 800;
    return options;
  }

  private static SyntheticOptions options(Path output, long ratings, int partitions, long seed) {
    SyntheticOptions options = new SyntheticOptions();
    options.outputDir = output.toString();
    options.ratings = ratings;
    options.partitions = partitions;
    options.seed = seed;
    return options;
  }

  /** movieId, title, genres; titles with a comma or a quote are quoted, quotes doubled. */
  private static String[] movieFields(String line) {
    int firstComma = line.indexOf(',');
    int lastComma = line.lastIndexOf(',');
    String title = line.substring(firstComma + 1, lastComma);
    if (title.startsWith("\"")) {
      title = title.substring(1, title.length() - 1).replace("\"\"", "\"");
    }
    return new String[] {line.substring(0, firstComma), title, line.substring(lastComma + 1)};
  }
}
