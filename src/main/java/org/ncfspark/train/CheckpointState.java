package org.ncfspark.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.ncfspark.io.Json;

/**
 * What epoch-N.json holds beside the model in epoch-N.zip: how far training got, and everything
 * that decides what the next epoch does. A resumed run compares it with its own data and
 * settings and refuses a checkpoint of anything else, rather than continue a model that was
 * trained on other rows or with other sizes as if it were the same run.
 *
 * @param epoch epochs completed, 0 before the first
 * @param architecture sizes of the network
 * @param hyperparameters settings of the optimiser and of the parallel training
 * @param trainRows training rows of one epoch
 * @param positives training rows labelled 1
 * @param prepared the prepared data's summary.json
 * @param history one entry per completed epoch, first epoch first
 */
public record CheckpointState(
    int epoch,
    ModelDescription.Architecture architecture,
    ModelDescription.Hyperparameters hyperparameters,
    long trainRows,
    long positives,
    JsonNode prepared,
    List<EpochStats> history) {

  /**
   * Settings that change neither the rows nor the arithmetic of an epoch, so a resumed run may
   * change them: how many minibatches a worker prepares ahead.
   */
  private static final List<String> FREE_TO_CHANGE = List.of("hyperparameters.prefetch");

  /** Differences listed in a refusal; more would bury the first. */
  private static final int MAX_DIFFERENCES = 5;

  public CheckpointState {
    history = List.copyOf(history);
  }

  /** The state of a run about to fit its first epoch. */
  public static CheckpointState start(TrainOptions options, int workers, TrainingData data) {
    return new CheckpointState(0,
        ModelDescription.Architecture.of(options),
        ModelDescription.Hyperparameters.of(options, workers),
        data.rows(), data.positives(), data.summary().json(), List.of());
  }

  /** The state once one more epoch is done. */
  public CheckpointState after(EpochStats stats) {
    List<EpochStats> longer = new ArrayList<>(history);
    longer.add(stats);
    return new CheckpointState(epoch + 1, architecture, hyperparameters, trainRows, positives,
        prepared, longer);
  }

  /**
   * Where this checkpoint's run and {@code current} differ in what decides training, each as
   * "field: value in the checkpoint, value now"; empty when the run may go on from it.
   */
  public List<String> differences(CheckpointState current) {
    List<String> differences = new ArrayList<>();
    compare("", fingerprint(this), fingerprint(current), differences);
    if (differences.size() > MAX_DIFFERENCES) {
      int more = differences.size() - MAX_DIFFERENCES;
      differences = new ArrayList<>(differences.subList(0, MAX_DIFFERENCES));
      differences.add("and " + more + " more");
    }
    return differences;
  }

  /** The fields that must agree, as one JSON tree, so fields added later are compared too. */
  private static JsonNode fingerprint(CheckpointState state) {
    ObjectNode tree = (ObjectNode) Json.tree(state);
    tree.remove(List.of("epoch", "history"));
    return tree;
  }

  private static void compare(String path, JsonNode checkpoint, JsonNode now,
      List<String> differences) {
    if (FREE_TO_CHANGE.contains(path)) {
      return;
    }
    if (checkpoint != null && now != null && checkpoint.isObject() && now.isObject()) {
      TreeSet<String> fields = new TreeSet<>();
      checkpoint.fieldNames().forEachRemaining(fields::add);
      now.fieldNames().forEachRemaining(fields::add);
      for (String field : fields) {
        compare(path.isEmpty() ? field : path + "." + field, checkpoint.get(field),
            now.get(field), differences);
      }
      return;
    }
    if (!equalValues(checkpoint, now)) {
      differences.add(path + ": " + text(checkpoint) + " in the checkpoint, " + text(now)
          + " now");
    }
  }

  /** Numbers compare by value, so 0.001 read back equals 1.0E-3 and 4 equals 4L. */
  private static boolean equalValues(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      Iterator<JsonNode> left = a.elements();
      Iterator<JsonNode> right = b.elements();
      while (left.hasNext()) {
        if (!equalValues(left.next(), right.next())) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static String text(JsonNode value) {
    return value == null ? "absent" : value.toString();
  }
}
