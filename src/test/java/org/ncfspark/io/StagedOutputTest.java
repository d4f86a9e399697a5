package org.ncfspark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncfspark.cli.UserError;

/** An output directory published whole by a rename, on the local file system. */
class StagedOutputTest {

  private final Storage storage = new Storage(new Configuration());

  @TempDir
  Path temp;

  private Path earlierOutput() throws IOException {
    Path target = Files.createDirectories(temp.resolve("out"));
    Files.writeString(target.resolve("result.txt"), "earlier");
    return target;
  }

  @Test
  @DisplayName("a run that fails after writing leaves the earlier output and no staging")
  void failureKeepsEarlierOutput() throws IOException {
    Path target = earlierOutput();

    try (StagedOutput output = StagedOutput.begin(storage, target.toString(), "--out", true)) {
      storage.writeString(output.resolve("result.txt"), "half");
      storage.writeString(output.resolve("part-1.txt"), "half");
    }

    assertEquals("earlier", Files.readString(target.resolve("result.txt")));
    assertFalse(Files.exists(target.resolve("part-1.txt")));
    assertFalse(Files.exists(temp.resolve(".out.staging")));
  }

  @Test
  @DisplayName("a committed run replaces the earlier output with exactly its own files")
  void commitReplaces() throws IOException {
    Path target = earlierOutput();
    Files.writeString(target.resolve("stale.txt"), "earlier");

    try (StagedOutput output = StagedOutput.begin(storage, target.toString(), "--out", true)) {
      storage.writeString(output.resolve("result.txt"), "new");
      output.commit();
    }

    assertEquals("new", Files.readString(target.resolve("result.txt")));
    assertFalse(Files.exists(target.resolve("stale.txt")));
    assertFalse(Files.exists(temp.resolve(".out.staging")));
  }

  @Test
  @DisplayName("an existing output is refused without overwrite, naming the option")
  void refusesExisting() throws IOException {
    Path target = earlierOutput();

    UserError error = assertThrows(UserError.class,
        () -> StagedOutput.begin(storage, target.toString(), "--out", false));
    assertEquals("option '--out': " + target + " already exists; pass --overwrite to replace it",
        error.getMessage());
    assertEquals("earlier", Files.readString(target.resolve("result.txt")));
  }

  @Test
  @DisplayName("the staging left by a killed run is discarded, not published, by the next run")
  void killedRunsStagingIsDiscarded() throws IOException {
    Path staging = Files.createDirectories(temp.resolve(".out.staging"));
    Files.writeString(staging.resolve("partial.txt"), "killed");

    try (StagedOutput output = StagedOutput.begin(storage, temp.resolve("out").toString(),
        "--out", false)) {
      storage.writeString(output.resolve("result.txt"), "new");
      output.commit();
    }

    assertEquals("new", Files.readString(temp.resolve("out/result.txt")));
    assertFalse(Files.exists(temp.resolve("out/partial.txt")));
  }
}
