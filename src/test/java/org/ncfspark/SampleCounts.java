package org.ncfspark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What PrepareJob must count on the bundled sample with every year kept, wherever it runs: the
 * figures the README states.
 */
public final class SampleCounts {

  public static final int USERS = 610;
  public static final int ITEMS = 9711;
  public static final long TRAIN_POSITIVES = 100_208;
  public static final long TRAIN_NEGATIVES = 400_832;
  public static final long TEST_ROWS = 61_000;

  private SampleCounts() {}

  /** Asserts a summary.json holds the sample's users, items, training and test rows. */
  public static void assertPrepared(JsonNode summary) {
    assertEquals(USERS, summary.get("users").asInt());
    assertEquals(ITEMS, summary.get("items").asInt());
    assertEquals(TRAIN_POSITIVES, summary.get("training").get("positives").asLong());
    assertEquals(TRAIN_NEGATIVES, summary.get("training").get("negatives").asLong());
    assertEquals(TEST_ROWS, summary.get("test").get("rows").asLong());
  }
}
