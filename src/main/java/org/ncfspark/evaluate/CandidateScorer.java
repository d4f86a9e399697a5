package org.ncfspark.evaluate;

import java.util.UUID;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.TaskCompletionListener;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ncfspark.data.Columns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trained NCF model as a {@link ScoringModel}: the serialised model is broadcast once; each
 * executor restores it once per concurrent task and scores pairs in batches, one network call
 * per batch.
 *
 * <p>Close it once the scored Datasets have been computed: closing destroys the broadcast.
 */
public final class CandidateScorer implements ScoringModel {

  /** The name of an NCF model in reports, before its variant: ncf-mlp, ncf-gmf, ncf-neumf. */
  public static final String NAME = "ncf";

  private static final Logger LOG = LoggerFactory.getLogger(CandidateScorer.class);

  private final String name;
  private final Broadcast<byte[]> model;
  private final String key;
  private final int batchSize;

  private CandidateScorer(String name, Broadcast<byte[]> model, int batchSize) {
    this.name = name;
    this.model = model;
    this.batchSize = batchSize;
    // Broadcast ids restart with each SparkContext, so a JVM that outlives one (a test run, a
    // notebook) could otherwise find another context's model under the same id.
    this.key = "broadcast-" + model.id() + "-" + UUID.randomUUID();
  }

  /** Broadcasts a model saved by ModelSerializer; {@code batchSize} rows per network call. */
  public static CandidateScorer broadcast(SparkSession spark, byte[] modelZip, int batchSize) {
    return broadcast(spark, NAME, modelZip, batchSize);
  }

  /** As {@link #broadcast(SparkSession, byte[], int)}, reported under {@code name}. */
  public static CandidateScorer broadcast(SparkSession spark, String name, byte[] modelZip,
      int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    CandidateScorer scorer = new CandidateScorer(name, context.broadcast(modelZip), batchSize);
    LOG.info("Broadcast model {} ({} bytes) as {}; scoring {} pairs per network call", name,
        modelZip.length, scorer.key, batchSize);
    return scorer;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PairScorer.Factory scorer() {
    return new NcfScorers(key, model, batchSize);
  }

  /**
   * Appends a non-null float {@value Columns#SCORE} column, the model's probability of each row's
   * (user, item). Every other column is kept; user and item are cast to int and must not be null.
   */
  public Dataset<Row> score(Dataset<Row> pairs) {
    return PairScoring.score(pairs, this);
  }

  @Override
  public void close() {
    ExecutorModels.forget(key);
    model.destroy();
  }

  String key() {
    return key;
  }

  /** Opens a task's scorer on an executor: a borrowed graph, given back when the task ends. */
  private record NcfScorers(String key, Broadcast<byte[]> model, int batchSize)
      implements PairScorer.Factory {

    @Override
    public PairScorer open() {
      ComputationGraph graph = ExecutorModels.borrow(key, model);
      TaskContext task = TaskContext.get();
      if (task != null) {
        task.addTaskCompletionListener(
            (TaskCompletionListener) context -> ExecutorModels.giveBack(key, graph));
      }
      BatchScorer network = new BatchScorer(graph, batchSize);
      return new PairScorer() {
        @Override
        public void score(int[] users, float[][] userVectors, int[] items, int count,
            float[] scores) {
          network.score(users, items, count, scores);
        }

        @Override
        public int batchSize() {
          return batchSize;
        }
      };
    }
  }
}
