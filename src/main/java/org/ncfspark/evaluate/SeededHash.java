package org.ncfspark.evaluate;

/**
 * Deterministic pseudo-random numbers keyed by a seed and two integers, so that a value drawn for
 * (user, item) or (user, replicate) is the same on any executor, in any partition order and in
 * any rerun. The mixing is SplitMix64's finaliser, applied after each key is folded in.
 */
public final class SeededHash {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final double UNIT = 0x1.0p-53;

  private SeededHash() {}

  public static long hash(long seed, long first, long second) {
    long h = mix(seed + GOLDEN_GAMMA);
    h = mix(h ^ (first + GOLDEN_GAMMA));
    return mix(h ^ (second * GOLDEN_GAMMA + 1));
  }

  /** A double uniform in [0, 1) from the key. */
  public static double uniform(long seed, long first, long second) {
    return (hash(seed, first, second) >>> 11) * UNIT;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
