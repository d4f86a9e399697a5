package org.ncfspark.evaluate;

/** A test model whose score is the item index: higher items rank higher, for every user. */
final class ItemIndexModel implements ScoringModel {

  private final int batchSize;

  ItemIndexModel(int batchSize) {
    this.batchSize = batchSize;
  }

  @Override
  public String name() {
    return "item-index";
  }

  @Override
  public PairScorer.Factory scorer() {
    return new Scorers(batchSize);
  }

  private record Scorers(int batchSize) implements PairScorer.Factory {

    @Override
    public PairScorer open() {
      return new PairScorer() {
        @Override
        public void score(int[] users, float[][] vectors, int[] items, int count,
            float[] scores) {
          for (int i = 0; i < count; i++) {
            scores[i] = items[i];
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
