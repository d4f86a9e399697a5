package org.ncfspark.data;

import org.ncfspark.io.Storage;

/**
 * Where TrainJob puts the model under the model directory: {@code model.zip} (a DL4J
 * ComputationGraph with its updater state), {@code model.json} (what was trained, on what, how
 * well) and {@code checkpoints/epoch-N.zip}, one per completed epoch, each with the
 * {@code epoch-N.json} that TrainJob's --resume reads.
 */
public record ModelLayout(String dir) {

  public String model() {
    return Storage.child(dir, "model.zip");
  }

  public String description() {
    return Storage.child(dir, "model.json");
  }

  public String checkpoints() {
    return Storage.child(dir, "checkpoints");
  }

  public String checkpoint(int epoch) {
    return Storage.child(checkpoints(), "epoch-" + epoch + ".zip");
  }
}
