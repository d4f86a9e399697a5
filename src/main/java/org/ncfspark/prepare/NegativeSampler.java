package org.ncfspark.prepare;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws a user's negatives uniformly from the items the user never interacted with.
 *
 * <p>Each draw picks a position j among the user's unseen items and maps it to the j-th unseen
 * item by binary search over the sorted positives, so no draw is ever rejected and a user who has
 * seen most of the catalogue costs no more than one who has seen little. Each user's random
 * stream is seeded from the job seed and the user alone, which makes the output independent of
 * how users are spread over partitions and executors.
 */
public final class NegativeSampler implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final long TEST_STREAM = 1;
  private static final long TRAIN_STREAM = 2;

  private final int items;
  private final long seed;

  /** Samples among item indices 0 until {@code items}. */
  public NegativeSampler(int items, long seed) {
    this.items = items;
    this.seed = seed;
  }

  /** How many items the user never interacted with. */
  public int unseenCount(int[] positives) {
    return items - positives.length;
  }

  /**
   * {@code count} distinct unseen items in ascending order, or every unseen item when there are
   * fewer than that.
   *
   * @param positives the user's positives, sorted ascending and distinct
   */
  public int[] testNegatives(int user, int[] positives, int count) {
    int unseen = unseenCount(positives);
    int[] positions = distinctPositions(random(user, TEST_STREAM), unseen, Math.min(count, unseen));
    int[] negatives = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      negatives[i] = unseenItem(positives, positions[i]);
    }
    Arrays.sort(negatives);
    return negatives;
  }

  /**
   * {@code count} unseen items drawn independently (so they may repeat), in draw order; none
   * when the user has seen every item.
   *
   * @param positives the user's positives, sorted ascending and distinct
   */
  public int[] trainNegatives(int user, int[] positives, int count) {
    int unseen = unseenCount(positives);
    if (unseen == 0) {
      return new int[0];
    }
    SplittableRandom random = random(user, TRAIN_STREAM);
    int[] negatives = new int[count];
    for (int i = 0; i < count; i++) {
      negatives[i] = unseenItem(positives, random.nextInt(unseen));
    }
    return negatives;
  }

  /**
   * The item at position {@code j} among the unseen items in ascending order. Below the k-th
   * positive lie {@code positives[k] - k} unseen items, a non-decreasing count, so the answer is
   * j plus the number of positives with at most j unseen items below them.
   */
  static int unseenItem(int[] positives, int j) {
    int low = 0;
    int high = positives.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (positives[middle] - middle <= j) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return j + low;
  }

  /** Floyd's algorithm: {@code count} distinct values below {@code bound} in count steps. */
  private static int[] distinctPositions(SplittableRandom random, int bound, int count) {
    Set<Integer> chosen = new HashSet<>(count * 2);
    for (int j = bound - count; j < bound; j++) {
      int candidate = random.nextInt(j + 1);
      chosen.add(chosen.contains(candidate) ? j : candidate);
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  private SplittableRandom random(int user, long stream) {
    long key = seed;
    key = key * 0x9E3779B97F4A7C15L + user;
    key = key * 0x9E3779B97F4A7C15L + stream;
    return new SplittableRandom(key);
  }
}
