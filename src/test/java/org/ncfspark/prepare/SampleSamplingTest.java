package org.ncfspark.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ncfspark.data.PreparedLayout;
import org.ncfspark.spark.TestSpark;

/** Sampling invariants on the bundled MovieLens sample with every release year kept. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleSamplingTest {

  static final String SAMPLE = "data/ml-latest-small";

  private final SparkSession spark = TestSpark.session();

  @TempDir
  static Path temp;

  private PreparedLayout onePartition;
  private PreparedLayout fourPartitions;
  private PrepareSummary summary;

  @BeforeAll
  void prepareTwice() {
    onePartition = prepare("one", 1);
    fourPartitions = prepare("four", 4);
  }

  private PreparedLayout prepare(String name, int partitions) {
    PrepareOptions options = new PrepareOptions();
    options.inputDir = SAMPLE;
    options.preparedDir = temp.resolve(name).toString();
    options.minYear = 0;
    options.minInteractions = 2;
    options.trainNegatives = 4;
    options.testNegatives = 99;
    options.seed = 42;
    options.partitions = partitions;
    summary = new Preparation(spark, options).run();
    return new PreparedLayout(options.preparedDir);
  }

  @Test
  @DisplayName("610 users and 9,711 rated movies with a year; 4 negatives per training positive")
  void countsMatchTheSample() {
    assertEquals(610, summary.users());
    assertEquals(9711, summary.items());
    assertEquals(100_818, summary.ratings().kept());
    assertEquals(100_818 - 610, summary.training().positives());
    assertEquals(4 * summary.training().positives(), summary.training().negatives());
    assertEquals(610 * 100, summary.test().rows());
  }

  @Test
  @DisplayName("no negative, in training or test, is one of the user's positives")
  void negativesAreNeverPositives() {
    Dataset<Row> positives = all(onePartition).filter(col("label").equalTo(1))
        .select("user", "item");
    Dataset<Row> negatives = all(onePartition).filter(col("label").equalTo(0))
        .select("user", "item");
    assertEquals(0, negatives.join(positives, new String[] {"user", "item"}).count());
  }

  @Test
  @DisplayName("each test user has one positive and 99 distinct negatives")
  void testCandidatesAreOnePositiveAndDistinctNegatives() {
    Dataset<Row> perUser = read(onePartition.test()).groupBy("user").agg(
        sum("label").as("positives"),
        count("*").as("rows"),
        countDistinct("item").as("items"));
    assertEquals(610, perUser.count());
    assertEquals(0, perUser.filter("positives != 1 or rows != 100 or items != 100").count());
  }

  @Test
  @DisplayName("the test positive never appears among the training positives")
  void trainAndTestPositivesAreDisjoint() {
    Dataset<Row> test = read(onePartition.test()).filter("label = 1").select("user", "item");
    Dataset<Row> train = read(onePartition.train()).filter("label = 1").select("user", "item");
    assertEquals(0, test.join(train, new String[] {"user", "item"}).count());
    assertEquals(100_208, train.distinct().count());
  }

  @Test
  @DisplayName("the output is identical with 1 and 4 partitions")
  void outputDoesNotDependOnPartitions() {
    for (String part : new String[] {"train", "test"}) {
      Dataset<Row> one = spark.read().parquet(onePartition.dir() + "/" + part);
      Dataset<Row> four = spark.read().parquet(fourPartitions.dir() + "/" + part);
      assertEquals(one.count(), four.count(), part);
      assertEquals(0, one.exceptAll(four).count(), part);
      assertEquals(0, four.exceptAll(one).count(), part);
    }
  }

  private Dataset<Row> all(PreparedLayout layout) {
    return read(layout.train()).union(read(layout.test()));
  }

  private Dataset<Row> read(String path) {
    return spark.read().parquet(path);
  }
}
