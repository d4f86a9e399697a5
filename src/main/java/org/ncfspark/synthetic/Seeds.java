package org.ncfspark.synthetic;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from the seed, one per purpose and entity, so that a movie's
 * or a user's draws depend on nothing but the seed and its id, never on the partition it lands in.
 */
final class Seeds {

  static final long MOVIE = 1;
  static final long USER = 2;
  static final long LAYOUT = 3;

  private Seeds() {}

  static SplittableRandom random(long seed, long stream, long id) {
    return new SplittableRandom(mix(mix(seed * 0x9E3779B97F4A7C15L + stream) + id));
  }

  /** SplitMix64's finaliser: spreads nearby inputs over all 64 bits. */
  static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A bijection of 0..n-1, {@code i -> (a i + b) mod n}, with {@code a} coprime to n. It deals
   * popularity and activity ranks to ids without any table.
   */
  record Permutation(long n, long a, long b) implements java.io.Serializable {

    static Permutation of(long n, long seed, long stream) {
      SplittableRandom random = random(seed, LAYOUT, stream);
      long a = n == 1 ? 1 : 1 + random.nextLong(n - 1);
      while (gcd(a, n) != 1) {
        a = a % (n - 1) + 1;
      }
      return new Permutation(n, a, random.nextLong(n));
    }

    /** Counts stay below 2^31, so {@code a i} fits in a long. */
    long apply(long i) {
      return (a * i + b) % n;
    }

    private static long gcd(long x, long y) {
      return y == 0 ? x : gcd(y, x % y);
    }
  }
}
