package org.ncfspark.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.ncfspark.io.Storage;

/**
 * Writes and reads model.zip and checkpoints through Hadoop's FileSystem, so a model may live on
 * any store the cluster reaches. The updater state goes with the weights, so that training can go
 * on from a file with Adam's moments intact.
 */
public final class ModelFiles {

  private ModelFiles() {}

  public static void write(Storage storage, String path, ComputationGraph graph) {
    try (OutputStream out = storage.create(path)) {
      ModelSerializer.writeModel(graph, out, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model to " + path, e);
    }
  }

  public static ComputationGraph read(Storage storage, String path) {
    try (InputStream in = storage.open(path)) {
      return ModelSerializer.restoreComputationGraph(in, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model from " + path, e);
    }
  }
}
