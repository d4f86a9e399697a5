package org.ncfspark.baseline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ncfspark.data.Columns;
import org.ncfspark.evaluate.PairScorer;
import org.ncfspark.evaluate.PairScoring;
import org.ncfspark.evaluate.ScoringModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The matrix-factorisation baseline: Spark MLlib ALS with implicit preferences, fitted on the
 * training positives (label 1 in train/, each with preference 1). A pair scores the dot product
 * of its user's and item's factors. The item factors, one vector per catalogue item, are
 * broadcast; the user factors stay a Dataset joined onto the rows on the executors. A user or
 * item without factors (never in a training positive) scores negative infinity, the lowest.
 */
public final class AlsScores implements ScoringModel {

  public static final String NAME = "als";

  private static final Logger LOG = LoggerFactory.getLogger(AlsScores.class);
  private static final String ID = "id";
  private static final String FEATURES = "features";

  private final Broadcast<float[][]> itemFactors;
  private final Dataset<Row> userFactors;
  private final int batchSize;

  private AlsScores(Broadcast<float[][]> itemFactors, Dataset<Row> userFactors, int batchSize) {
    this.itemFactors = itemFactors;
    this.userFactors = userFactors;
    this.batchSize = batchSize;
  }

  /** Fits ALS on the positives of {@code train} (user, item, label); items below {@code items}. */
  public static AlsScores fit(SparkSession spark, Dataset<Row> train, int items,
      AlsSettings settings, int batchSize) {
    long start = System.nanoTime();
    Dataset<Row> positives = train
        .filter(col(Columns.LABEL).equalTo(1))
        .select(col(Columns.USER), col(Columns.ITEM), lit(1.0f).as(Columns.RATING));
    ALSModel model = new ALS()
        .setImplicitPrefs(true)
        .setRank(settings.rank())
        .setRegParam(settings.regularization())
        .setAlpha(settings.alpha())
        .setMaxIter(settings.iterations())
        .setSeed(settings.seed())
        .setUserCol(Columns.USER)
        .setItemCol(Columns.ITEM)
        .setRatingCol(Columns.RATING)
        .fit(positives);
    float[][] byItem = itemFactors(model, items);
    Dataset<Row> byUser = model.userFactors()
        .select(col(ID).as(Columns.USER), col(FEATURES).as(PairScoring.USER_VECTOR))
        .persist(StorageLevel.MEMORY_AND_DISK());
    LOG.info(String.format(Locale.ROOT, "ALS: fitted rank %d, regularization %s, alpha %s, "
        + "%d iterations on the training positives in %.1f s", settings.rank(),
        settings.regularization(), settings.alpha(), settings.iterations(),
        (System.nanoTime() - start) / 1e9));
    Broadcast<float[][]> broadcast =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(byItem);
    return new AlsScores(broadcast, byUser, batchSize);
  }

  /** One factor vector per catalogue item, null for items ALS never saw. */
  private static float[][] itemFactors(ALSModel model, int items) {
    float[][] byItem = new float[items][];
    List<Row> rows = model.itemFactors().collectAsList();
    for (Row row : rows) {
      int item = row.getInt(0);
      if (item >= 0 && item < items) {
        List<Object> values = row.getList(1);
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
          vector[i] = ((Number) values.get(i)).floatValue();
        }
        byItem[item] = vector;
      }
    }
    return byItem;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Dataset<Row> userVectors() {
    return userFactors;
  }

  @Override
  public PairScorer.Factory scorer() {
    return new Scorers(itemFactors, batchSize);
  }

  /** Static, so that only the broadcast and the batch size travel to the executors. */
  private record Scorers(Broadcast<float[][]> factors, int batchSize)
      implements PairScorer.Factory {

    @Override
    public PairScorer open() {
      float[][] byItem = factors.value();
      return new PairScorer() {
        @Override
        public void score(int[] users, float[][] userVectors, int[] items, int count,
            float[] scores) {
          for (int i = 0; i < count; i++) {
            float[] item = items[i] < byItem.length ? byItem[items[i]] : null;
            scores[i] = dot(userVectors == null ? null : userVectors[i], item);
          }
        }

        @Override
        public int batchSize() {
          return batchSize;
        }
      };
    }
  }

  static float dot(float[] user, float[] item) {
    if (user == null || item == null) {
      return Float.NEGATIVE_INFINITY;
    }
    float sum = 0;
    for (int i = 0; i < user.length; i++) {
      sum += user[i] * item[i];
    }
    return sum;
  }

  @Override
  public void close() {
    itemFactors.destroy();
    userFactors.unpersist();
  }
}
