package org.ncfspark.baseline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ncfspark.data.Columns;
import org.ncfspark.evaluate.ScoringModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The popularity baseline: an item scores its number of training positives (label 1 in
 * train/), the same for every user. Items without one score 0 and tie with each other, which
 * under the tie rule ranks a never-seen positive below all of them.
 */
public final class PopularityScores {

  public static final String NAME = "popularity";

  private static final Logger LOG = LoggerFactory.getLogger(PopularityScores.class);

  private PopularityScores() {}

  /** Counts positives per item in {@code train} (user, item, label), items below {@code items}. */
  public static ScoringModel fit(SparkSession spark, Dataset<Row> train, int items,
      int batchSize) {
    // One count per item: the size of the catalogue, not of the interactions.
    List<Row> counts = train
        .filter(col(Columns.LABEL).equalTo(1))
        .groupBy(Columns.ITEM)
        .agg(count(lit(1)))
        .collectAsList();
    float[] scores = new float[items];
    long most = 0;
    for (Row row : counts) {
      int item = ((Number) row.get(0)).intValue();
      if (item >= 0 && item < items) {
        scores[item] = row.getLong(1);
        most = Math.max(most, row.getLong(1));
      }
    }
    LOG.info("Popularity: {} of {} items have training positives, the most {}", counts.size(),
        items, most);
    return new ItemScores(spark, NAME, scores, batchSize);
  }
}
