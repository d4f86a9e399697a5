package org.ncfspark.baseline;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.ncfspark.evaluate.PairScorer;
import org.ncfspark.evaluate.ScoringModel;

/**
 * A model whose score depends on the item only, one float per catalogue item, broadcast. Items
 * beyond the array score 0.
 */
final class ItemScores implements ScoringModel {

  private final String name;
  private final Broadcast<float[]> scores;
  private final int batchSize;

  ItemScores(SparkSession spark, String name, float[] scores, int batchSize) {
    this.name = name;
    this.scores = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(scores);
    this.batchSize = batchSize;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PairScorer.Factory scorer() {
    return new Scorers(scores, batchSize);
  }

  @Override
  public void close() {
    scores.destroy();
  }

  /** Static, so that only the broadcast and the batch size travel to the executors. */
  private record Scorers(Broadcast<float[]> byItem, int batchSize) implements PairScorer.Factory {

    @Override
    public PairScorer open() {
      float[] values = byItem.value();
      return new PairScorer() {
        @Override
        public void score(int[] users, float[][] userVectors, int[] items, int count,
            float[] out) {
          for (int i = 0; i < count; i++) {
            out[i] = items[i] < values.length ? values[items[i]] : 0f;
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
