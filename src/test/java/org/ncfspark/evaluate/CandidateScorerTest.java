package org.ncfspark.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncfspark.data.Columns;
import org.ncfspark.spark.TestSpark;

class CandidateScorerTest {

  private static final float EPS = 1e-6f;
  private static final int[] USERS = {0, 1, 2, 3, 4, 0, 1, 2, 3, 4};
  private static final int[] ITEMS = {0, 3, 6, 9, 2, 5, 8, 1, 4, 7};

  private static ComputationGraph graph;
  private static float[] expected;

  @BeforeAll
  static void buildModel() {
    graph = TinyModels.graph(5, 10, 11);
    expected = TinyModels.direct(graph, USERS, ITEMS);
  }

  @Test
  @DisplayName("batches of 3 over 10 pairs give graph.output's scores in 4 network calls")
  void batchesMatchOneDirectCall() {
    BatchScorer scorer = new BatchScorer(graph, 3);

    float[] scores = scorer.score(USERS, ITEMS);

    assertArrayEquals(expected, scores, EPS);
    assertEquals(4, scorer.networkCalls());
  }

  @Test
  @DisplayName("scores differ between pairs, so a mix-up of rows would show")
  void scoresAreDistinct() {
    long distinct = IntStream.range(0, expected.length)
        .mapToObj(i -> expected[i])
        .distinct()
        .count();

    assertEquals(USERS.length, distinct);
  }

  @Test
  @DisplayName("Spark scoring in batches of 3 keeps every column and matches graph.output")
  void sparkScoringMatchesDirectCall() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> pairs = pairs(spark).repartition(3);

    List<Row> scored;
    int idleModels;
    try (CandidateScorer scorer = CandidateScorer.broadcast(spark, TinyModels.zip(graph), 3)) {
      scored = scorer.score(pairs).collectAsList();
      idleModels = ExecutorModels.idleCount(scorer.key());
    }

    assertEquals(USERS.length, scored.size());
    for (Row row : scored) {
      int index = row.getInt(row.fieldIndex("row"));
      assertEquals(USERS[index], row.getInt(row.fieldIndex(Columns.USER)));
      assertEquals(ITEMS[index], row.getInt(row.fieldIndex(Columns.ITEM)));
      assertEquals(expected[index], row.getFloat(row.fieldIndex(Columns.SCORE)), EPS);
    }
    // local[2] runs at most two tasks at once, so at most two restored copies exist.
    assertTrue(idleModels >= 1 && idleModels <= 2, "idle models: " + idleModels);
  }

  @Test
  @DisplayName("long indices are scored as the int indices the graph takes")
  void castsLongIndices() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> pairs = pairs(spark)
        .withColumn(Columns.USER, col(Columns.USER).cast("long"));

    try (CandidateScorer scorer = CandidateScorer.broadcast(spark, TinyModels.zip(graph), 4)) {
      Row first = scorer.score(pairs).orderBy("row").first();
      assertEquals(expected[0], first.getFloat(first.fieldIndex(Columns.SCORE)), EPS);
    }
  }

  private static Dataset<Row> pairs(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < USERS.length; i++) {
      rows.add(RowFactory.create(i, USERS[i], ITEMS[i]));
    }
    StructType schema = new StructType()
        .add("row", DataTypes.IntegerType)
        .add(Columns.USER, DataTypes.IntegerType)
        .add(Columns.ITEM, DataTypes.IntegerType);
    return spark.createDataFrame(rows, schema);
  }
}
