package org.ncfspark.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A check, in plain Java, that generated ratings carry taste a model could learn: each user's
 * latest rating is held out and ranked among 99 random movies the user never rated, once by
 * popularity and once by popularity within the cluster most of the user's other ratings fall in.
 */
final class HeldOutTaste {

  private static final int NEGATIVES = 99;
  private static final int CUTOFF = 10;

  private HeldOutTaste() {}

  /**
   * HR@10 of popularity and of the taste-aware score, ties counted against the held-out movie.
   *
   * @param ratings rows of userId, movieId, timestamp
   */
  static double[] hitRates(int[][] ratings, MovieTraits traits, int movies) {
    int[] clusterOf = new int[movies + 1];
    for (int movieId = 1; movieId <= movies; movieId++) {
      clusterOf[movieId] = traits.movie(movieId).cluster();
    }
    Map<Integer, List<int[]>> byUser = new LinkedHashMap<>();
    for (int[] rating : ratings) {
      byUser.computeIfAbsent(rating[0], user -> new ArrayList<>()).add(rating);
    }
    int[] popularity = new int[movies + 1];
    Map<Integer, int[]> heldOut = new LinkedHashMap<>();
    for (Map.Entry<Integer, List<int[]>> user : byUser.entrySet()) {
      List<int[]> history = user.getValue();
      history.sort(Comparator.<int[]>comparingInt(r -> r[2]).thenComparingInt(r -> r[1]));
      heldOut.put(user.getKey(), history.remove(history.size() - 1));
      history.forEach(r -> popularity[r[1]]++);
    }

    int popularityHits = 0;
    int tasteHits = 0;
    for (Map.Entry<Integer, int[]> user : heldOut.entrySet()) {
      List<int[]> history = byUser.get(user.getKey());
      int favourite = favouriteCluster(history, clusterOf);
      Set<Integer> seen = new HashSet<>();
      history.forEach(r -> seen.add(r[1]));
      int positive = user.getValue()[1];
      seen.add(positive);
      int[] negatives = negatives(new Random(user.getKey()), seen, movies);
      popularityHits += rank(positive, negatives, m -> popularity[m]) <= CUTOFF ? 1 : 0;
      tasteHits += rank(positive, negatives,
          m -> popularity[m] + (clusterOf[m] == favourite ? 1_000_000_000L : 0)) <= CUTOFF
          ? 1 : 0;
    }
    return new double[] {(double) popularityHits / heldOut.size(),
        (double) tasteHits / heldOut.size()};
  }

  private static int favouriteCluster(List<int[]> history, int[] clusterOf) {
    Map<Integer, Integer> counts = new LinkedHashMap<>();
    history.forEach(r -> counts.merge(clusterOf[r[1]], 1, Integer::sum));
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  private static int[] negatives(Random random, Set<Integer> seen, int movies) {
    Set<Integer> chosen = new HashSet<>();
    while (chosen.size() < Math.min(NEGATIVES, movies - seen.size())) {
      int movieId = 1 + random.nextInt(movies);
      if (!seen.contains(movieId)) {
        chosen.add(movieId);
      }
    }
    return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  private interface Score {
    long of(int movieId);
  }

  private static int rank(int positive, int[] negatives, Score score) {
    long target = score.of(positive);
    return 1 + (int) Arrays.stream(negatives).filter(m -> score.of(m) >= target).count();
  }
}
