package org.ncfspark.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncfspark.cli.UserError;

/** The counts of users, movies and ratings per user, computed without Spark. */
class SyntheticShapeTest {

  @Test
  @DisplayName("at MovieLens 25M's size the users and movies are MovieLens 25M's")
  void movieLens25mSize() {
    SyntheticShape shape = SyntheticShape.of(SyntheticShape.MOVIELENS_25M_RATINGS, 0, 0);

    assertEquals(162_541, shape.users());
    assertEquals(62_423, shape.movies());
    assertRatingsAddUp(shape);
  }

  @Test
  @DisplayName("per-user counts add up exactly, from 20 to a third of the catalogue")
  void countsAddUpWithinBounds() {
    for (long ratings : new long[] {10_000, 123_457, 1_000_000}) {
      SyntheticShape shape = SyntheticShape.of(ratings, 0, 0);
      assertRatingsAddUp(shape);
    }
    SyntheticShape chosen = SyntheticShape.of(50_000, 100, 2_000);
    assertEquals(100, chosen.users());
    assertEquals(2_000, chosen.movies());
    assertRatingsAddUp(chosen);
  }

  @Test
  @DisplayName("too few ratings for 20 per user, or too many for the catalogue, name --ratings")
  void impossibleShapesAreUserErrors() {
    UserError tooFew = assertThrows(UserError.class, () -> SyntheticShape.of(1_000, 100, 0));
    assertTrue(tooFew.getMessage().contains("--ratings") && tooFew.getMessage().contains("20"),
        tooFew.getMessage());
    UserError tooMany = assertThrows(UserError.class, () -> SyntheticShape.of(100_000, 10, 300));
    assertTrue(tooMany.getMessage().contains("--movies"), tooMany.getMessage());
  }

  private static void assertRatingsAddUp(SyntheticShape shape) {
    long sum = 0;
    int least = Integer.MAX_VALUE;
    int most = 0;
    for (int rank = 0; rank < shape.users(); rank++) {
      int count = shape.ratingsOf(rank);
      sum += count;
      least = Math.min(least, count);
      most = Math.max(most, count);
    }
    assertEquals(shape.ratings(), sum);
    assertEquals(SyntheticShape.MIN_RATINGS_PER_USER, least);
    assertTrue(most <= shape.movies() / 3, most + " ratings of " + shape.movies() + " movies");
    assertTrue(most > 5 * least, "a long tail: the most active user has " + most);
  }
}
