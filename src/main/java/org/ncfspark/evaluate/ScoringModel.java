package org.ncfspark.evaluate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A model that scores (user, item) pairs, seen from the driver: the trained NCF network or a
 * baseline. Everything evaluation and recommendation compute (sampled ranks, unsampled ranks,
 * top-N lists, metrics and intervals) goes through this interface, so each model is measured
 * by the same code under the same protocol. A higher score means a stronger recommendation.
 *
 * <p>Close it once the Datasets it scored have been computed: closing frees its broadcasts.
 */
public interface ScoringModel extends AutoCloseable {

  /** Short name used in metrics.json, the report and output paths: ncf, random, ... */
  String name();

  /** What the executors use to score; serialisable, opened once per task. */
  PairScorer.Factory scorer();

  /**
   * Per-user vectors the scorer needs, as (user, {@value PairScoring#USER_VECTOR}: array of
   * float) rows, for models whose user side is too large to broadcast; null when it needs none.
   * They are joined onto the rows on the executors, never collected.
   */
  default Dataset<Row> userVectors() {
    return null;
  }

  @Override
  default void close() {}
}
