package org.ncfspark.io;

import org.ncfspark.cli.UserError;

/**
 * An output directory that appears whole or not at all. A job writes everything under
 * {@link #path()}, a hidden sibling of the final directory, and {@link #commit()} renames it into
 * place; closing without a commit deletes what was written, so a failed run leaves no partial
 * output and any earlier output untouched until the new one is complete.
 */
public final class StagedOutput implements AutoCloseable {

  private final Storage storage;
  private final String target;
  private final String staging;
  private final boolean overwrite;
  private boolean committed;

  private StagedOutput(Storage storage, String target, boolean overwrite) {
    this.storage = storage;
    this.target = target;
    this.overwrite = overwrite;
    this.staging = stagingPath(target);
  }

  /**
   * Starts an output at {@code target}; refuses an existing one unless {@code overwrite}, naming
   * the option that decides it.
   */
  public static StagedOutput begin(Storage storage, String target, String option,
      boolean overwrite) {
    if (storage.exists(target) && !overwrite) {
      throw new UserError("option '" + option + "': " + target
          + " already exists; pass --overwrite to replace it");
    }
    StagedOutput output = new StagedOutput(storage, target, overwrite);
    storage.delete(output.staging);
    return output;
  }

  /** Where the job writes; it becomes {@code target} on commit. */
  public String path() {
    return staging;
  }

  public String resolve(String name) {
    return Storage.child(staging, name);
  }

  /** Publishes the staged directory as the target, replacing an old one only now. */
  public void commit() {
    if (overwrite && storage.exists(target)) {
      storage.delete(target);
    }
    storage.rename(staging, target);
    committed = true;
  }

  @Override
  public void close() {
    if (!committed) {
      storage.delete(staging);
    }
  }

  private static String stagingPath(String target) {
    String trimmed = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    int slash = trimmed.lastIndexOf('/');
    return trimmed.substring(0, slash + 1) + "." + trimmed.substring(slash + 1) + ".staging";
  }
}
