package org.ncfspark.evaluate;

import java.io.Serializable;

/**
 * Scores a batch of (user, item) pairs on an executor. Not thread-safe: one per task, opened
 * by the model's {@link Factory} when the task starts.
 */
public interface PairScorer {

  /**
   * Writes the score of pair i, ({@code users[i]}, {@code items[i]}), to {@code scores[i]} for
   * i below {@code count}. {@code userVectors[i]} is the user's vector for models that declare
   * {@link ScoringModel#userVectors()}; otherwise the array may be null. A vector is null for a
   * user the model has none for.
   */
  void score(int[] users, float[][] userVectors, int[] items, int count, float[] scores);

  /** How many pairs this scorer takes in one call; callers batch to this size. */
  int batchSize();

  /** Creates a task's scorer on the executor; implementations hold only broadcasts. */
  interface Factory extends Serializable {

    PairScorer open();
  }
}
