package org.ncfspark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ncfspark.cli.UserError;
import org.ncfspark.data.ModelLayout;
import org.ncfspark.data.PreparedCheck;
import org.ncfspark.io.Json;
import org.ncfspark.io.Storage;
import org.ncfspark.spark.TestSpark;

/** Trains an MLP once, on local[2], on {@link PlantedGroups}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingTest {

  private static final int USERS = PlantedGroups.USERS;
  private static final int ITEMS = PlantedGroups.ITEMS;
  private static final int EPOCHS = 8;

  private Path dir;
  private SparkSession spark;
  private Storage storage;
  private TrainOptions options;
  private TrainedModel trained;
  private long trainRows;

  @BeforeAll
  void train(@TempDir Path tempDir) throws IOException {
    dir = tempDir;
    spark = TestSpark.session();
    storage = new Storage(spark.sparkContext().hadoopConfiguration());
    Path prepared = dir.resolve("prepared");
    trainRows = writePrepared(prepared);
    options = new TrainOptions()
        .preparedDir(prepared.toString())
        .modelDir(dir.resolve("model").toString())
        .embeddingSize(8)
        .hiddenLayers(List.of(16))
        .learningRate(0.02)
        .batchSize(32)
        .epochs(EPOCHS)
        .workers(2)
        .averagingFrequency(4);
    trained = Training.run(spark, options);
  }

  private long writePrepared(Path prepared) throws IOException {
    return PlantedGroups.writePrepared(spark, prepared);
  }

  private static float[] scoreAll(ComputationGraph graph) {
    return PlantedGroups.scoreAll(graph);
  }

  @Test
  @DisplayName("the held-out liked item outranks every disliked item for nearly every user")
  void ranksHeldOutItemsFirst() {
    int hits = PlantedGroups.heldOutFirst(trained.graph());
    assertTrue(hits >= 14, "held-out item ranked first for only " + hits + " of 16 users");
  }

  @Test
  @DisplayName("the training loss falls far below the 0.53 of always guessing the positive rate")
  void lossDecreases() {
    List<EpochStats> history = trained.description().history();

    assertEquals(EPOCHS, history.size());
    double first = history.get(0).loss();
    double last = history.get(EPOCHS - 1).loss();
    assertTrue(last < first, "loss rose from " + first + " to " + last);
    assertTrue(last < 0.1, "final loss " + last);
  }

  @Test
  @DisplayName("every epoch fits every training row once")
  void everyRowTrained() {
    for (EpochStats epoch : trained.description().history()) {
      assertEquals(trainRows, epoch.samples(), "epoch " + epoch.epoch());
    }
  }

  @Test
  @DisplayName("model.zip restores to a graph with the same outputs and Adam state")
  void modelRestores() {
    ComputationGraph restored = ModelFiles.read(storage, new ModelLayout(options.modelDir())
        .model());

    assertArrayEquals(scoreAll(trained.graph()), scoreAll(restored), 0f);
    assertEquals(trained.graph().getUpdater().getStateViewArray(),
        restored.getUpdater().getStateViewArray());
    assertEquals(trained.graph().getIterationCount(), restored.getIterationCount());
  }

  @Test
  @DisplayName("a checkpoint is written per epoch, the last one equal to the model")
  void checkpoints() {
    ModelLayout layout = new ModelLayout(options.modelDir());
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      assertTrue(storage.exists(layout.checkpoint(epoch)), "no checkpoint for epoch " + epoch);
    }
    assertFalse(storage.exists(layout.checkpoint(EPOCHS + 1)));

    ComputationGraph last = ModelFiles.read(storage, layout.checkpoint(EPOCHS));
    ComputationGraph first = ModelFiles.read(storage, layout.checkpoint(1));
    assertArrayEquals(scoreAll(trained.graph()), scoreAll(last), 0f);
    assertFalse(first.params().equals(last.params()), "epoch 1 and the last epoch are equal");
  }

  @Test
  @DisplayName("model.json describes the data, the settings and each epoch")
  void description() {
    JsonNode json = Json.read(storage.readString(new ModelLayout(options.modelDir())
        .description()), "model.json");

    assertEquals(USERS, json.get("users").intValue());
    assertEquals(ITEMS, json.get("items").intValue());
    assertEquals(8, json.get("architecture").get("embeddingSize").intValue());
    assertEquals(16, json.get("architecture").get("hiddenLayers").get(0).intValue());
    JsonNode hyperparameters = json.get("hyperparameters");
    assertEquals(0.02, hyperparameters.get("learningRate").doubleValue());
    assertEquals(32, hyperparameters.get("batchSize").intValue());
    assertEquals(2, hyperparameters.get("workers").intValue());
    assertEquals(4, hyperparameters.get("averagingFrequency").intValue());
    assertEquals(EPOCHS, json.get("epochs").intValue());
    assertEquals(EPOCHS, json.get("history").size());
    assertEquals(trainRows, json.get("trainRows").longValue());
    JsonNode lastEpoch = json.get("history").get(EPOCHS - 1);
    assertEquals(EPOCHS, lastEpoch.get("epoch").intValue());
    assertEquals(lastEpoch.get("loss").doubleValue(), json.get("finalLoss").doubleValue());
    assertTrue(json.get("trainingSeconds").doubleValue() > 0);
    assertEquals("synthetic groups", json.get("prepared").get("source").textValue());
  }

  @Test
  @DisplayName("an existing model directory is refused without --overwrite")
  void refusesExistingModel() {
    UserError error = assertThrows(UserError.class, () -> Training.run(spark, options));
    assertTrue(error.getMessage().startsWith("option '--model-dir'"), error.getMessage());
  }

  @Test
  @DisplayName("an item index beyond the summary's item count is refused, naming both")
  void refusesIndexBeyondSummary() throws IOException {
    Path prepared = dir.resolve("too-few-items");
    writePrepared(prepared);
    Files.writeString(prepared.resolve("summary.json"), "{\"users\": 16, \"items\": 20}");
    TrainOptions bad = new TrainOptions()
        .preparedDir(prepared.toString())
        .modelDir(dir.resolve("unused").toString());

    UserError error = assertThrows(UserError.class, () -> Training.run(spark, bad));
    assertTrue(error.getMessage().contains("item indices run from 0 to 31"), error.getMessage());
    assertTrue(error.getMessage().contains("20 items"), error.getMessage());
    assertFalse(storage.exists(dir.resolve("unused").toString()));
  }

  @Test
  @DisplayName("a rerun with --overwrite on leaked test positives fails that check, keeping the "
      + "earlier model whole")
  void failedOverwriteKeepsEarlierModel() throws IOException {
    Path leaked = dir.resolve("leaked");
    writePrepared(leaked);
    StructType schema = new StructType()
        .add("user", DataTypes.IntegerType, false)
        .add("item", DataTypes.IntegerType, false)
        .add("label", DataTypes.IntegerType, false);
    spark.createDataFrame(List.of(RowFactory.create(3, PlantedGroups.heldOut(3), 1)), schema)
        .write().mode("append").parquet(leaked.resolve("train").toString());
    Path model = Path.of(new ModelLayout(options.modelDir()).model());
    byte[] before = Files.readAllBytes(model);
    TrainOptions rerun = new TrainOptions()
        .preparedDir(leaked.toString())
        .modelDir(options.modelDir())
        .overwrite(true);

    UserError error = assertThrows(UserError.class, () -> Training.run(spark, rerun));
    assertTrue(error.getMessage().contains("fails the check '" + PreparedCheck.HELD_OUT
        + "': 1 test positives are also training positives"), error.getMessage());
    assertArrayEquals(before, Files.readAllBytes(model));
    assertFalse(Files.exists(dir.resolve(".model.staging")), "staged model left behind");
  }
}
