package org.ncfspark.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NegativeSamplerTest {

  @Test
  @DisplayName("the j-th unseen item skips every positive below it")
  void mapsPositionsToUnseenItems() {
    int[] positives = {0, 2, 3, 7};
    int[] unseen = {1, 4, 5, 6, 8, 9};
    for (int j = 0; j < unseen.length; j++) {
      assertEquals(unseen[j], NegativeSampler.unseenItem(positives, j), "position " + j);
    }
  }

  @Test
  @DisplayName("test negatives are distinct, unseen and as many as asked")
  void testNegativesAreDistinctAndUnseen() {
    int[] positives = {1, 5, 9, 10, 11, 40};
    int[] negatives = new NegativeSampler(50, 7).testNegatives(3, positives, 30);

    assertEquals(30, negatives.length);
    assertEquals(30, Arrays.stream(negatives).distinct().count());
    Set<Integer> seen = Arrays.stream(positives).boxed().collect(Collectors.toSet());
    assertTrue(Arrays.stream(negatives).noneMatch(seen::contains));
    assertTrue(Arrays.stream(negatives).allMatch(item -> item >= 0 && item < 50));
  }

  @Test
  @DisplayName("a user who has seen all but three items gets exactly those three")
  void fewUnseenItemsAreAllTaken() {
    int[] positives = {0, 1, 2, 4, 5, 7, 8};
    int[] negatives = new NegativeSampler(10, 7).testNegatives(0, positives, 99);
    assertArrayEquals(new int[] {3, 6, 9}, negatives);
  }

  @Test
  @DisplayName("training negatives avoid positives even when almost every item is a positive")
  void trainNegativesAvoidPositives() {
    int[] positives = new int[98];
    for (int i = 0; i < positives.length; i++) {
      positives[i] = i < 50 ? i : i + 1;
    }
    int[] negatives = new NegativeSampler(100, 3).trainNegatives(9, positives, 1000);

    assertEquals(1000, negatives.length);
    assertTrue(Arrays.stream(negatives).allMatch(item -> item == 50 || item == 99));
    assertTrue(Arrays.stream(negatives).anyMatch(item -> item == 50));
    assertTrue(Arrays.stream(negatives).anyMatch(item -> item == 99));
  }

  @Test
  @DisplayName("training negatives are uniform over the unseen items")
  void trainNegativesAreUniform() {
    int[] positives = {0, 3, 4, 8};
    int draws = 60_000;
    int[] negatives = new NegativeSampler(10, 11).trainNegatives(1, positives, draws);

    int[] counts = new int[10];
    Arrays.stream(negatives).forEach(item -> counts[item]++);
    double expected = draws / 6.0;
    for (int item : new int[] {1, 2, 5, 6, 7, 9}) {
      assertEquals(expected, counts[item], expected * 0.05, "item " + item);
    }
    for (int item : positives) {
      assertEquals(0, counts[item], "positive " + item);
    }
  }

  @Test
  @DisplayName("the draws depend on the seed and the user only")
  void drawsAreSeededPerUser() {
    int[] positives = {2, 4};
    NegativeSampler sampler = new NegativeSampler(1000, 5);

    assertArrayEquals(sampler.testNegatives(8, positives, 20),
        new NegativeSampler(1000, 5).testNegatives(8, positives, 20));
    assertFalse(Arrays.equals(sampler.testNegatives(8, positives, 20),
        sampler.testNegatives(9, positives, 20)));
    assertNotEquals(Arrays.toString(sampler.trainNegatives(8, positives, 20)),
        Arrays.toString(new NegativeSampler(1000, 6).trainNegatives(8, positives, 20)));
  }

  @Test
  @DisplayName("a user who has seen every item gets no training negative")
  void noUnseenItemMeansNoNegative() {
    assertEquals(0, new NegativeSampler(3, 1).trainNegatives(0, new int[] {0, 1, 2}, 12).length);
  }
}
