package org.ncfspark.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ncfspark.cli.UserError;
import org.ncfspark.io.Json;
import org.ncfspark.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of per-epoch checkpoints: {@code epoch-N.zip}, the graph with its Adam state and
 * step count, and {@code epoch-N.json}, its {@link CheckpointState}. The JSON is written after
 * the model and moved into place by a rename, so an epoch counts as checkpointed only once both
 * files are whole: a run killed while writing epoch N leaves epoch N - 1 as the latest.
 */
public final class Checkpoints {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

  private static final Pattern ENTRY = Pattern.compile("\\.?epoch-(\\d+)\\.(zip|json)(\\.tmp)?");
  private static final Pattern STATE = Pattern.compile("epoch-(\\d+)\\.json");

  private final Storage storage;
  private final String dir;

  public Checkpoints(Storage storage, String dir) {
    this.storage = storage;
    this.dir = dir;
  }

  /** A checkpoint read back: the graph to continue and the state it was written with. */
  public record Restored(ComputationGraph graph, CheckpointState state) {}

  public String dir() {
    return dir;
  }

  public String model(int epoch) {
    return Storage.child(dir, "epoch-" + epoch + ".zip");
  }

  public String state(int epoch) {
    return Storage.child(dir, "epoch-" + epoch + ".json");
  }

  /** Writes epoch {@code state.epoch()}'s checkpoint; the epoch counts as done once this ends. */
  public void write(ComputationGraph graph, CheckpointState state) {
    int epoch = state.epoch();
    ModelFiles.write(storage, model(epoch), graph);
    String partial = Storage.child(dir, ".epoch-" + epoch + ".json.tmp");
    storage.writeString(partial, Json.write(state));
    storage.rename(partial, state(epoch));
  }

  /** The latest epoch whose checkpoint is complete, if any. */
  public OptionalInt latestEpoch() {
    return storage.list(dir).stream()
        .map(STATE::matcher)
        .filter(Matcher::matches)
        .mapToInt(match -> Integer.parseInt(match.group(1)))
        .filter(epoch -> storage.exists(model(epoch)))
        .max();
  }

  /**
   * Refuses a run that neither resumes nor overwrites when checkpoints of an earlier run are
   * here: they are kept, and the new run's epochs would mix with them.
   */
  public void requireNoEarlierRun() {
    if (entries().isEmpty()) {
      return;
    }
    OptionalInt latest = latestEpoch();
    String found = latest.isPresent() ? "checkpoints up to epoch " + latest.getAsInt()
        : "incomplete checkpoints";
    throw new UserError("option '--checkpoint-dir': " + dir + " holds " + found + " of an "
        + "earlier run; pass --resume to continue it or --overwrite to start over");
  }

  /** Deletes an earlier run's checkpoints before a run that starts over. */
  public void deleteEarlierRun() {
    List<String> entries = entries();
    for (String entry : entries) {
      storage.delete(Storage.child(dir, entry));
    }
    if (!entries.isEmpty()) {
      LOG.info("Deleted {} files of an earlier run's checkpoints in {}", entries.size(), dir);
    }
  }

  /**
   * The latest complete checkpoint, checked against the run about to continue it; empty when the
   * directory holds none, so that a retried command starts from the first epoch.
   *
   * @param current the state of the new run before its first epoch
   * @param epochs the epochs the new run is to reach
   */
  public Optional<Restored> resume(CheckpointState current, int epochs) {
    OptionalInt latest = latestEpoch();
    if (latest.isEmpty()) {
      LOG.info("No complete checkpoint in {}; training from the first epoch", dir);
      return Optional.empty();
    }
    int epoch = latest.getAsInt();
    CheckpointState saved = readState(epoch);
    List<String> differences = saved.differences(current);
    if (!differences.isEmpty()) {
      throw new UserError("option '--resume': the checkpoint " + state(epoch) + " belongs to "
          + "another run; it differs in " + String.join("; ", differences)
          + ". Rerun with its settings, or without --resume and with --overwrite to start over");
    }
    if (saved.epoch() != epoch || saved.history().size() != epoch) {
      throw new UserError("option '--resume': " + state(epoch) + " describes epoch "
          + saved.epoch() + " with " + saved.history().size() + " epochs of history");
    }
    if (epoch > epochs) {
      throw new UserError("option '--epochs': " + epochs + " epochs asked for, but the "
          + "checkpoint in " + dir + " has already trained " + epoch);
    }
    ComputationGraph graph = ModelFiles.read(storage, model(epoch));
    if (graph.getEpochCount() != epoch) {
      throw new UserError("option '--resume': " + model(epoch) + " holds a model trained for "
          + graph.getEpochCount() + " epochs, but its state file says " + epoch);
    }
    LOG.info("Resuming from {} after epoch {} of {}, at step {}", model(epoch), epoch, epochs,
        graph.getIterationCount());
    return Optional.of(new Restored(graph, saved));
  }

  private CheckpointState readState(int epoch) {
    String path = state(epoch);
    try {
      return Json.read(storage.readString(path), CheckpointState.class, path);
    } catch (IllegalArgumentException e) {
      throw new UserError("option '--resume': " + e.getMessage(), e);
    }
  }

  private List<String> entries() {
    List<String> entries = new ArrayList<>();
    for (String name : storage.list(dir)) {
      if (ENTRY.matcher(name).matches()) {
        entries.add(name);
      }
    }
    return entries;
  }
}
