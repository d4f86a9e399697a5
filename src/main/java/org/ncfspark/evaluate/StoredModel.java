package org.ncfspark.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.ncfspark.cli.UserError;
import org.ncfspark.data.ModelLayout;
import org.ncfspark.io.Json;
import org.ncfspark.io.Storage;
import org.ncfspark.model.NcfModel;
import org.ncfspark.model.NcfVariant;

/**
 * A trained model as read from a model directory: the bytes of model.zip to broadcast, the
 * graph restored once on the driver to check it before any executor work, and the top-level
 * facts of model.json when TrainJob wrote one.
 */
public final class StoredModel {

  private final String dir;
  private final byte[] zip;
  private final ComputationGraph graph;
  private final Map<String, JsonNode> facts;

  private StoredModel(String dir, byte[] zip, ComputationGraph graph,
      Map<String, JsonNode> facts) {
    this.dir = dir;
    this.zip = zip;
    this.graph = graph;
    this.facts = facts;
  }

  /** Reads model.zip and model.json; {@code option} names where the directory came from. */
  public static StoredModel load(Storage storage, ModelLayout layout, String option) {
    byte[] zip = readAll(storage, layout.model());
    ComputationGraph graph = restore(zip, layout.model(), option);
    List<String> inputs = graph.getConfiguration().getNetworkInputs();
    if (!inputs.equals(List.of(NcfModel.USER_INPUT, NcfModel.ITEM_INPUT))) {
      throw new UserError("option '" + option + "': " + layout.model() + " takes inputs " + inputs
          + ", not an NCF model's [" + NcfModel.USER_INPUT + ", " + NcfModel.ITEM_INPUT + "]");
    }
    Map<String, JsonNode> facts = storage.exists(layout.description())
        ? facts(storage.readString(layout.description()), layout.description())
        : null;
    return new StoredModel(layout.dir(), zip, graph, facts);
  }

  /** The directory the model was read from. */
  public String dir() {
    return dir;
  }

  /** Which NCF variant the network is. */
  public NcfVariant variant() {
    return NcfModel.variantOf(graph);
  }

  public byte[] zip() {
    return zip;
  }

  public ComputationGraph graph() {
    return graph;
  }

  /** The scalar top-level fields of model.json, or null when there is none. */
  public Map<String, JsonNode> facts() {
    return facts;
  }

  /**
   * Fails when the candidates hold an index beyond the model's embeddings, which happens when a
   * model is evaluated on data prepared for another model; the network itself would fail with
   * an index error deep in a Spark task.
   */
  public void requireCovers(CandidateSummary candidates, String testSource) {
    requireCovers(NcfModel.USER_INPUT, candidates.maxUser(), testSource);
    requireCovers(NcfModel.ITEM_INPUT, candidates.maxItem(), testSource);
  }

  private void requireCovers(String input, int maxIndex, String testSource) {
    OptionalLong rows = embeddingRows(graph, input);
    if (rows.isPresent() && maxIndex >= rows.getAsLong()) {
      throw new UserError("test data " + testSource + " has " + input + " index " + maxIndex
          + " but the model in " + dir + " knows " + rows.getAsLong() + " " + input
          + "s; was it trained on this prepared data?");
    }
  }

  /** How many indices the embedding fed by {@code input} holds, if the graph has one. */
  static OptionalLong embeddingRows(ComputationGraph graph, String input) {
    ComputationGraphConfiguration conf = graph.getConfiguration();
    for (Map.Entry<String, List<String>> vertex : conf.getVertexInputs().entrySet()) {
      GraphVertex definition = conf.getVertices().get(vertex.getKey());
      if (vertex.getValue().equals(List.of(input))
          && definition instanceof LayerVertex layer
          && layer.getLayerConf().getLayer() instanceof EmbeddingLayer embedding) {
        return OptionalLong.of(embedding.getNIn());
      }
    }
    return OptionalLong.empty();
  }

  private static byte[] readAll(Storage storage, String path) {
    try (InputStream in = storage.open(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static ComputationGraph restore(byte[] zip, String path, String option) {
    try {
      return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(zip), false);
    } catch (IOException | RuntimeException e) {
      throw new UserError("option '" + option + "': " + path
          + " is not a DL4J ComputationGraph saved by ModelSerializer: " + e.getMessage(), e);
    }
  }

  /** Nested sections of model.json (histories, settings) stay there; metrics.json keeps it flat. */
  private static Map<String, JsonNode> facts(String json, String source) {
    JsonNode root;
    try {
      root = Json.read(json, source);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    Map<String, JsonNode> facts = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isValueNode() && !field.getValue().isNull()) {
        facts.put(field.getKey(), field.getValue());
      }
    }
    return facts;
  }
}
