package org.ncfspark.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncfspark.cli.UserError;
import org.ncfspark.data.Columns;
import org.ncfspark.data.ModelLayout;
import org.ncfspark.io.Storage;
import org.ncfspark.spark.TestSpark;

class CandidateCheckTest {

  private static final String SOURCE = "prepared/test";

  @TempDir
  Path modelDir;

  @Test
  @DisplayName("well-formed candidates are summed up: rows, users, candidates each, max indices")
  void summarisesGoodCandidates() {
    CandidateSummary summary = CandidateCheck.check(candidates(PreparedFixture.testRows()), SOURCE);

    assertEquals(60, summary.rows());
    assertEquals(6, summary.users());
    assertEquals(10, summary.candidatesPerUser());
    assertEquals(5, summary.maxUser());
    assertEquals(19, summary.maxItem());
  }

  @Test
  @DisplayName("a user without a positive fails the one-positive check, naming the user")
  void rejectsUserWithoutPositive() {
    List<Row> rows = PreparedFixture.testRows();
    rows.set(rows.indexOf(RowFactory.create(4, PreparedFixture.positive(4), 1)),
        RowFactory.create(4, PreparedFixture.positive(4), 0));

    String message = failure(rows);

    assertTrue(message.contains(CandidateCheck.ONE_POSITIVE), message);
    assertTrue(message.contains("user 4 has 0"), message);
  }

  @Test
  @DisplayName("a user whose only candidate is the positive fails the one-negative check")
  void rejectsUserWithoutNegatives() {
    List<Row> rows = PreparedFixture.testRows();
    rows.removeIf(row -> row.getInt(0) == 2 && row.getInt(2) == 0);

    String message = failure(rows);

    assertTrue(message.contains(CandidateCheck.SOME_NEGATIVE), message);
    assertTrue(message.contains("1 candidate(s)"), message);
  }

  @Test
  @DisplayName("a label other than 0 or 1 fails the label check")
  void rejectsOtherLabels() {
    List<Row> rows = PreparedFixture.testRows();
    rows.add(RowFactory.create(0, 19, 2));

    assertTrue(failure(rows).contains(CandidateCheck.BINARY_LABELS));
  }

  @Test
  @DisplayName("an item index beyond the model's item embedding is refused before scoring")
  void rejectsIndicesTheModelDoesNotKnow() {
    CandidateSummary summary = new CandidateSummary(60, 6, 10, 5, 20);
    StoredModel model = loadTinyModel();

    UserError error = assertThrows(UserError.class, () -> model.requireCovers(summary, SOURCE));

    assertTrue(error.getMessage().contains("item index 20"), error.getMessage());
    assertTrue(error.getMessage().contains("knows 20 items"), error.getMessage());
  }

  private static String failure(List<Row> rows) {
    Dataset<Row> test = candidates(rows);
    return assertThrows(UserError.class, () -> CandidateCheck.check(test, SOURCE)).getMessage();
  }

  private static Dataset<Row> candidates(List<Row> rows) {
    SparkSession spark = TestSpark.session();
    StructType schema = new StructType()
        .add(Columns.USER, DataTypes.IntegerType)
        .add(Columns.ITEM, DataTypes.IntegerType)
        .add(Columns.LABEL, DataTypes.IntegerType);
    return spark.createDataFrame(rows, schema);
  }

  private StoredModel loadTinyModel() {
    PreparedFixture.writeModel(TinyModels.graph(6, 20, 1), modelDir);
    Storage storage = new Storage(TestSpark.session().sparkContext().hadoopConfiguration());
    return StoredModel.load(storage, new ModelLayout(modelDir.toString()),
        EvaluateOptions.MODEL_DIR);
  }
}
