package org.ncfspark.data;

import org.ncfspark.io.Storage;

/**
 * Where PrepareJob puts each of its outputs under the prepared directory, and so where TrainJob,
 * EvaluateJob and RecommendJob find them.
 *
 * <ul>
 *   <li>{@code train/}: Parquet (user, item, label), positives and their sampled negatives;
 *   <li>{@code test/}: Parquet (user, item, label), one positive and N negatives per user;
 *   <li>{@code users/}: Parquet (user, userId);
 *   <li>{@code items/}: Parquet (item, movieId, title, year, genres);
 *   <li>{@code summary.json}: every count and the parameters used.
 * </ul>
 */
public record PreparedLayout(String dir) {

  public String train() {
    return Storage.child(dir, "train");
  }

  public String test() {
    return Storage.child(dir, "test");
  }

  public String users() {
    return Storage.child(dir, "users");
  }

  public String items() {
    return Storage.child(dir, "items");
  }

  public String summary() {
    return Storage.child(dir, "summary.json");
  }
}
