package org.ncfspark.evaluate;

import static org.apache.spark.sql.functions.col;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ncfspark.data.Columns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores (user, item) rows of a Dataset with an NCF model on the executors. The serialised model
 * is broadcast once; each executor restores it once per concurrent task and scores rows in
 * batches, one network call per batch. Evaluation scores test candidates with it; recommendation
 * can score user x item blocks the same way.
 *
 * <p>Close it once the scored Datasets have been computed: closing destroys the broadcast.
 */
public final class CandidateScorer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CandidateScorer.class);

  private final Broadcast<byte[]> model;
  private final String key;
  private final int batchSize;

  private CandidateScorer(Broadcast<byte[]> model, int batchSize) {
    this.model = model;
    this.batchSize = batchSize;
    // Broadcast ids restart with each SparkContext, so a JVM that outlives one (a test run, a
    // notebook) could otherwise find another context's model under the same id.
    this.key = "broadcast-" + model.id() + "-" + UUID.randomUUID();
  }

  /** Broadcasts a model saved by ModelSerializer; {@code batchSize} rows per network call. */
  public static CandidateScorer broadcast(SparkSession spark, byte[] modelZip, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    CandidateScorer scorer = new CandidateScorer(context.broadcast(modelZip), batchSize);
    LOG.info("Broadcast the model ({} bytes) as {}; scoring {} candidates per network call",
        modelZip.length, scorer.key, batchSize);
    return scorer;
  }

  /**
   * Appends a non-null float {@value Columns#SCORE} column, the model's probability of each row's
   * (user, item). Every other column is kept; user and item are cast to int and must not be null.
   */
  public Dataset<Row> score(Dataset<Row> pairs) {
    Dataset<Row> indexed = pairs
        .withColumn(Columns.USER, col(Columns.USER).cast(DataTypes.IntegerType))
        .withColumn(Columns.ITEM, col(Columns.ITEM).cast(DataTypes.IntegerType));
    StructType input = indexed.schema();
    StructType output = input.add(Columns.SCORE, DataTypes.FloatType, false);
    ScorePartition scoring = new ScorePartition(key, model, batchSize,
        input.fieldIndex(Columns.USER), input.fieldIndex(Columns.ITEM));
    return indexed.mapPartitions(scoring, Encoders.row(output));
  }

  @Override
  public void close() {
    ExecutorModels.forget(key);
    model.destroy();
  }

  String key() {
    return key;
  }

  /** What runs on an executor for each partition; serialisable, so it holds no driver state. */
  private static final class ScorePartition implements MapPartitionsFunction<Row, Row> {

    private final String key;
    private final Broadcast<byte[]> model;
    private final int batchSize;
    private final int userField;
    private final int itemField;

    ScorePartition(String key, Broadcast<byte[]> model, int batchSize, int userField,
        int itemField) {
      this.key = key;
      this.model = model;
      this.batchSize = batchSize;
      this.userField = userField;
      this.itemField = itemField;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      if (!rows.hasNext()) {
        return Collections.emptyIterator();
      }
      ComputationGraph graph = ExecutorModels.borrow(key, model);
      TaskContext task = TaskContext.get();
      if (task != null) {
        task.addTaskCompletionListener(
            (TaskCompletionListener) context -> ExecutorModels.giveBack(key, graph));
      }
      return new ScoredRows(rows, new BatchScorer(graph, batchSize), userField, itemField);
    }
  }

  /** Reads a batch of rows ahead, scores it in one call, then hands the rows out with scores. */
  private static final class ScoredRows implements Iterator<Row> {

    private final Iterator<Row> input;
    private final BatchScorer scorer;
    private final int userField;
    private final int itemField;
    private final Row[] rows;
    private final int[] users;
    private final int[] items;
    private final float[] scores;
    private int next;
    private int size;

    ScoredRows(Iterator<Row> input, BatchScorer scorer, int userField, int itemField) {
      this.input = input;
      this.scorer = scorer;
      this.userField = userField;
      this.itemField = itemField;
      int batch = scorer.batchSize();
      this.rows = new Row[batch];
      this.users = new int[batch];
      this.items = new int[batch];
      this.scores = new float[batch];
    }

    @Override
    public boolean hasNext() {
      return next < size || fill();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = rows[next];
      float score = scores[next];
      rows[next++] = null;
      return withScore(row, score);
    }

    private boolean fill() {
      next = 0;
      size = 0;
      while (size < rows.length && input.hasNext()) {
        Row row = input.next().copy();
        rows[size] = row;
        users[size] = row.getInt(userField);
        items[size] = row.getInt(itemField);
        size++;
      }
      if (size > 0) {
        scorer.score(users, items, size, scores);
      }
      return size > 0;
    }

    private static Row withScore(Row row, float score) {
      Object[] values = new Object[row.length() + 1];
      for (int i = 0; i < row.length(); i++) {
        values[i] = row.get(i);
      }
      values[row.length()] = score;
      return RowFactory.create(values);
    }
  }
}
