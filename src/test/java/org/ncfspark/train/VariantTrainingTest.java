package org.ncfspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ncfspark.data.ModelLayout;
import org.ncfspark.io.Json;
import org.ncfspark.io.Storage;
import org.ncfspark.model.NcfModel;
import org.ncfspark.model.NcfVariant;
import org.ncfspark.spark.TestSpark;

/** GMF and NeuMF learn {@link PlantedGroups} as the MLP does, with and without resampling. */
class VariantTrainingTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({"GMF, false", "NEUMF, true"})
  @DisplayName("the variant ranks each user's held-out liked item first and says what it is")
  void learnsGroups(NcfVariant variant, boolean resample) throws IOException {
    SparkSession spark = TestSpark.session();
    Path prepared = dir.resolve("prepared");
    PlantedGroups.writePrepared(spark, prepared);
    TrainOptions options = new TrainOptions()
        .preparedDir(prepared.toString())
        .modelDir(dir.resolve("model").toString())
        .variant(variant)
        .embeddingSize(8)
        .hiddenLayers(List.of(16))
        .gmfEmbeddingSize(8)
        .resampleNegatives(resample)
        .learningRate(0.02)
        .batchSize(32)
        .epochs(8)
        .averagingFrequency(4);

    TrainedModel trained = Training.run(spark, options);

    int hits = PlantedGroups.heldOutFirst(trained.graph());
    assertTrue(hits >= 14, variant + ": held-out item first for only " + hits + " of 16 users");
    assertEquals(variant, NcfModel.variantOf(trained.graph()));
    Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    JsonNode json = Json.read(storage.readString(new ModelLayout(options.modelDir())
        .description()), "model.json");
    assertEquals(variant.label(), json.get("architecture").get("variant").textValue());
    assertEquals(8, json.get("architecture").get("gmfEmbeddingSize").intValue());
    assertEquals(variant == NcfVariant.GMF, json.get("architecture").get("hiddenLayers") == null);
    assertEquals(resample, json.get("hyperparameters").get("resampleNegatives").booleanValue());
  }
}
