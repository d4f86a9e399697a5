package org.ncfspark.evaluate;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ncfspark.data.Columns;

/**
 * Appends a model's score to each (user, item) row of a Dataset, on the executors, a batch of
 * rows per scorer call.
 */
public final class PairScoring {

  /** Column of per-user vectors for models that take them; see ScoringModel#userVectors. */
  public static final String USER_VECTOR = "userVector";

  private PairScoring() {}

  /**
   * Appends a non-null float {@value Columns#SCORE} column. Every other column is kept; user and
   * item are cast to int and must not be null.
   */
  public static Dataset<Row> score(Dataset<Row> pairs, ScoringModel model) {
    Dataset<Row> indexed = pairs
        .withColumn(Columns.USER, col(Columns.USER).cast(DataTypes.IntegerType))
        .withColumn(Columns.ITEM, col(Columns.ITEM).cast(DataTypes.IntegerType));
    StructType input = indexed.schema();
    int vectorField = -1;
    Dataset<Row> vectors = model.userVectors();
    if (vectors != null) {
      // The join moves the user column first; the select restores the input's order.
      Column[] inOrder = Stream.concat(Arrays.stream(input.fieldNames()), Stream.of(USER_VECTOR))
          .map(name -> col(name))
          .toArray(Column[]::new);
      indexed = indexed.join(vectors, Columns.USER, "left").select(inOrder);
      vectorField = input.size();
    }
    StructType output = input.add(Columns.SCORE, DataTypes.FloatType, false);
    ScorePartition scoring = new ScorePartition(model.scorer(), input.size(),
        indexed.schema().fieldIndex(Columns.USER), indexed.schema().fieldIndex(Columns.ITEM),
        vectorField);
    return indexed.mapPartitions(scoring, Encoders.row(output));
  }

  /** A user vector column's value as floats; null stays null. */
  static float[] vector(Row row, int field) {
    if (field < 0 || row.isNullAt(field)) {
      return null;
    }
    List<Object> values = row.getList(field);
    float[] vector = new float[values.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = ((Number) values.get(i)).floatValue();
    }
    return vector;
  }

  /** What runs on an executor for each partition; serialisable, so it holds no driver state. */
  private record ScorePartition(PairScorer.Factory factory, int keptFields, int userField,
      int itemField, int vectorField) implements MapPartitionsFunction<Row, Row> {

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      if (!rows.hasNext()) {
        return Collections.emptyIterator();
      }
      return new ScoredRows(rows, factory.open(), this);
    }
  }

  /** Reads a batch of rows ahead, scores it in one call, then hands the rows out with scores. */
  private static final class ScoredRows implements Iterator<Row> {

    private final Iterator<Row> input;
    private final PairScorer scorer;
    private final ScorePartition fields;
    private final Row[] rows;
    private final int[] users;
    private final int[] items;
    private final float[][] vectors;
    private final float[] scores;
    private int next;
    private int size;

    ScoredRows(Iterator<Row> input, PairScorer scorer, ScorePartition fields) {
      this.input = input;
      this.scorer = scorer;
      this.fields = fields;
      int batch = scorer.batchSize();
      this.rows = new Row[batch];
      this.users = new int[batch];
      this.items = new int[batch];
      this.vectors = new float[batch][];
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
        users[size] = row.getInt(fields.userField());
        items[size] = row.getInt(fields.itemField());
        vectors[size] = vector(row, fields.vectorField());
        size++;
      }
      if (size > 0) {
        scorer.score(users, vectors, items, size, scores);
      }
      return size > 0;
    }

    /** The input's own columns, without a joined user vector, then the score. */
    private Row withScore(Row row, float score) {
      int kept = fields.keptFields();
      Object[] values = new Object[kept + 1];
      for (int i = 0; i < kept; i++) {
        values[i] = row.get(i);
      }
      values[kept] = score;
      return RowFactory.create(values);
    }
  }
}
