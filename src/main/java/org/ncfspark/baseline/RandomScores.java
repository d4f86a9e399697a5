package org.ncfspark.baseline;

import org.ncfspark.evaluate.PairScorer;
import org.ncfspark.evaluate.ScoringModel;
import org.ncfspark.evaluate.SeededHash;

/**
 * The chance baseline: each (user, item) scores a uniform number hashed from (seed, user, item),
 * so the same pair scores the same in every run, partition and protocol. Under the sampled
 * protocol with N candidates its HR@K is K / N in expectation.
 */
public final class RandomScores implements ScoringModel {

  public static final String NAME = "random";

  private final long seed;
  private final int batchSize;

  public RandomScores(long seed, int batchSize) {
    this.seed = seed;
    this.batchSize = batchSize;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PairScorer.Factory scorer() {
    return new Scorers(seed, batchSize);
  }

  /** Static, so that only the seed and the batch size travel to the executors. */
  private record Scorers(long seed, int batchSize) implements PairScorer.Factory {

    @Override
    public PairScorer open() {
      return new PairScorer() {
        @Override
        public void score(int[] users, float[][] userVectors, int[] items, int count,
            float[] scores) {
          for (int i = 0; i < count; i++) {
            scores[i] = (float) SeededHash.uniform(seed, users[i], items[i]);
          }
        }

        @Override
        public int batchSize() {
          return batchSize;
        }
      };
    }
  }
}
