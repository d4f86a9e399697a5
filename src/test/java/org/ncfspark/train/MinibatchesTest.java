package org.ncfspark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class MinibatchesTest {

  /** Row r holds user r, item 1000 + r and label r % 2, so any row's fields identify it. */
  private static InteractionBlock block(int rows) {
    int[] users = new int[rows];
    int[] items = new int[rows];
    float[] labels = new float[rows];
    for (int r = 0; r < rows; r++) {
      users[r] = r;
      items[r] = 1000 + r;
      labels[r] = r % 2;
    }
    return new InteractionBlock(users, items, labels);
  }

  private static float[] users(List<MultiDataSet> minibatches) {
    List<Float> all = new ArrayList<>();
    for (MultiDataSet minibatch : minibatches) {
      for (float user : minibatch.getFeatures(0).toFloatVector()) {
        all.add(user);
      }
    }
    float[] result = new float[all.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = all.get(i);
    }
    return result;
  }

  private static int[] sizes(List<MultiDataSet> minibatches) {
    return minibatches.stream().mapToInt(m -> (int) m.getFeatures(0).size(0)).toArray();
  }

  @Test
  @DisplayName("each partition gets whole averaging rounds of minibatches no larger than the batch")
  void minibatchCountPerPartition() {
    assertEquals(12, Minibatches.perPartition(1000, 100, 3));
    assertEquals(10, Minibatches.perPartition(1000, 100, 5));
    assertEquals(15, Minibatches.perPartition(1001, 100, 5));
    assertEquals(490, Minibatches.perPartition(250_565, 512, 490));
  }

  @Test
  @DisplayName("minibatch sizes differ by at most one row, none exceeds the batch size")
  void sizes() {
    int count = Minibatches.perPartition(1030, 100, 4);
    List<MultiDataSet> minibatches = Minibatches.shuffled(block(1030), count, 7);

    int[] sizes = sizes(minibatches);
    assertEquals(12, sizes.length);
    assertEquals(1030, Arrays.stream(sizes).sum());
    assertEquals(85, Arrays.stream(sizes).min().getAsInt());
    assertEquals(86, Arrays.stream(sizes).max().getAsInt());
  }

  @Test
  @DisplayName("a block with fewer rows than minibatches gives one minibatch per row")
  void fewerRowsThanMinibatches() {
    assertArrayEquals(new int[] {1, 1, 1}, sizes(Minibatches.shuffled(block(3), 5, 7)));
  }

  @Test
  @DisplayName("features and labels are float columns [rows, 1] taken from the same rows")
  void featuresAndLabelsMatchRows() {
    for (MultiDataSet minibatch : Minibatches.shuffled(block(50), 4, 3)) {
      INDArray users = minibatch.getFeatures(0);
      INDArray items = minibatch.getFeatures(1);
      INDArray labels = minibatch.getLabels(0);
      assertEquals(DataType.FLOAT, users.dataType());
      assertArrayEquals(new long[] {users.size(0), 1}, users.shape());
      assertArrayEquals(users.shape(), items.shape());
      assertArrayEquals(users.shape(), labels.shape());
      for (int i = 0; i < users.size(0); i++) {
        int user = (int) users.getFloat(i, 0);
        assertEquals(1000 + user, items.getFloat(i, 0));
        assertEquals(user % 2, labels.getFloat(i, 0));
      }
    }
  }

  @Test
  @DisplayName("every row appears exactly once per epoch, in a shuffled order")
  void everyRowOnce() {
    float[] order = users(Minibatches.shuffled(block(500), 8, 11));

    assertEquals(500, order.length);
    float[] sorted = order.clone();
    Arrays.sort(sorted);
    for (int r = 0; r < 500; r++) {
      assertEquals(r, sorted[r]);
    }
    assertFalse(Arrays.equals(sorted, order), "rows should not keep their stored order");
  }

  @Test
  @DisplayName("the same seed gives the same order; another epoch reorders the same rows")
  void reshuffleIsDeterministic() {
    InteractionBlock block = block(500);
    long epoch1 = Minibatches.shuffleSeed(42, 1, 0);
    long epoch2 = Minibatches.shuffleSeed(42, 2, 0);

    float[] first = users(Minibatches.shuffled(block, 8, epoch1));
    float[] again = users(Minibatches.shuffled(block, 8, epoch1));
    float[] next = users(Minibatches.shuffled(block, 8, epoch2));

    assertArrayEquals(first, again);
    assertFalse(Arrays.equals(first, next));
    float[] firstSorted = first.clone();
    float[] nextSorted = next.clone();
    Arrays.sort(firstSorted);
    Arrays.sort(nextSorted);
    assertArrayEquals(firstSorted, nextSorted);
  }

  @Test
  @DisplayName("shuffle seeds differ across seeds, epochs and partitions")
  void shuffleSeedsDiffer() {
    Set<Long> seeds = new HashSet<>();
    for (long seed = 0; seed < 3; seed++) {
      for (int epoch = 1; epoch <= 5; epoch++) {
        for (int partition = 0; partition < 8; partition++) {
          seeds.add(Minibatches.shuffleSeed(seed, epoch, partition));
        }
      }
    }
    assertEquals(3 * 5 * 8, seeds.size());
    assertNotEquals(Minibatches.shuffleSeed(42, 1, 0), Minibatches.shuffleSeed(42, 0, 1));
  }

  @Test
  @DisplayName("one worker fits an epoch in one round; several average every --averaging-frequency")
  void averagingRounds() {
    TrainOptions options = new TrainOptions().averagingFrequency(100);
    // 10,000 rows in minibatches of at most 512: 20 minibatches.
    assertEquals(20, ParameterAveragingTrainer.averagingFrequency(options, 1, 10_000));
    assertEquals(20, Minibatches.perPartition(10_000, 512, 20));
    assertEquals(100, ParameterAveragingTrainer.averagingFrequency(options, 2, 10_000));
    assertEquals(100, Minibatches.perPartition(10_000, 512, 100));
    assertEquals(1, ParameterAveragingTrainer.averagingFrequency(options, 1, 0));
  }
}
