package org.ncfspark.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  private PreparedLayout twoPartitions;
  private PreparedLayout eightPartitions;
  private PrepareSummary summary;

  @BeforeAll
  void prepareThrice() {
    eightPartitions = prepare("eight", 8);
    twoPartitions = prepare("two", 2);
    onePartition = prepare("one", 1);
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
  @DisplayName("train/, test/, users/, items/ and summary.json are identical with 1, 2 and 8 "
      + "partitions")
  void outputDoesNotDependOnPartitions() throws IOException {
    for (PreparedLayout other : List.of(twoPartitions, eightPartitions)) {
      for (String part : List.of("train", "test", "users", "items")) {
        Dataset<Row> one = read(onePartition.dir() + "/" + part);
        Dataset<Row> many = read(other.dir() + "/" + part);
        String what = part + " of " + other.dir();
        assertEquals(one.count(), many.count(), what);
        assertEquals(0, one.exceptAll(many).count(), what);
        assertEquals(0, many.exceptAll(one).count(), what);
      }
      assertEquals(summaryWithoutPaths(onePartition), summaryWithoutPaths(other));
    }
    assertEquals(8, parquetFiles(eightPartitions.train()), "files of the 8-partition train/");
  }

  private static long parquetFiles(String dir) throws IOException {
    try (var files = Files.list(Path.of(dir))) {
      return files.filter(file -> file.getFileName().toString().endsWith(".parquet")).count();
    }
  }

  /** summary.json as written, but for the prepared directory, which differs by design. */
  private static String summaryWithoutPaths(PreparedLayout layout) throws IOException {
    return Files.readString(Path.of(layout.summary())).replace(layout.dir(), "PREPARED");
  }

  private Dataset<Row> all(PreparedLayout layout) {
    return read(layout.train()).union(read(layout.test()));
  }

  private Dataset<Row> read(String path) {
    return spark.read().parquet(path);
  }
}
