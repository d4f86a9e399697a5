package org.ncfspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncfspark.TrainJob;
import org.ncfspark.cli.UserError;
import picocli.CommandLine;

class TrainOptionsTest {

  private static TrainOptions parse(String... args) {
    TrainOptions options = new TrainOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  @DisplayName("defaults are the notebook's hyperparameters")
  void defaults() {
    TrainOptions options = parse("--prepared-dir", "p", "--model-dir", "m");

    assertEquals(8, options.embeddingSize());
    assertEquals(List.of(64, 32), options.hiddenLayers());
    assertEquals(1e-3, options.learningRate());
    assertEquals(512, options.batchSize());
    assertEquals(5, options.epochs());
    assertEquals(42, options.seed());
    assertEquals(1, options.workers());
    assertEquals(100, options.averagingFrequency());
    assertEquals(0, options.prefetch());
    assertNull(options.checkpointDir());
  }

  @Test
  @DisplayName("options given on the command line are parsed, lists split on commas")
  void parsed() {
    TrainOptions options = parse("--prepared-dir", "p", "--model-dir", "m",
        "--hidden-layers", "128,64,16", "--workers", "3", "--averaging-frequency", "7",
        "--prefetch", "2", "--learning-rate", "0.01", "--checkpoint-dir", "c");

    assertEquals(List.of(128, 64, 16), options.hiddenLayers());
    assertEquals(3, options.workers());
    assertEquals(7, options.averagingFrequency());
    assertEquals(2, options.prefetch());
    assertEquals(0.01, options.learningRate());
    assertEquals("c", options.checkpointDir());
  }

  @Test
  @DisplayName("a bad value is reported against the option that holds it")
  void badValuesNameTheOption() {
    UserError batch = assertThrows(UserError.class,
        () -> parse("--prepared-dir", "p", "--model-dir", "m", "--batch-size", "0").validate());
    assertEquals("option '--batch-size': must be positive, got 0", batch.getMessage());

    UserError layers = assertThrows(UserError.class,
        () -> parse("--prepared-dir", "p", "--model-dir", "m", "--hidden-layers", "64,-1")
            .validate());
    assertTrue(layers.getMessage().startsWith("option '--hidden-layers'"), layers.getMessage());

    UserError workers = assertThrows(UserError.class,
        () -> parse("--prepared-dir", "p", "--model-dir", "m", "--workers", "0").validate());
    assertTrue(workers.getMessage().startsWith("option '--workers'"), workers.getMessage());
  }

  @Test
  @DisplayName("--help lists every option with its default")
  void helpListsDefaults() {
    String help = new CommandLine(new TrainJob()).getUsageMessage(CommandLine.Help.Ansi.OFF);

    for (String option : List.of("--prepared-dir", "--model-dir", "--overwrite", "--config",
        "--embedding-size", "--hidden-layers", "--learning-rate", "--batch-size", "--epochs",
        "--seed", "--workers", "--averaging-frequency", "--prefetch", "--checkpoint-dir",
        "--resume")) {
      assertTrue(help.contains(option), option + " missing from:\n" + help);
    }
    for (String shown : List.of("Default: 512", "Default: [64, 32]", "Default: 0.001",
        "Default: 42", "Default: 1", "Default: 100", "Default: false")) {
      assertTrue(help.contains(shown), shown + " missing from:\n" + help);
    }
  }

  @Test
  @DisplayName("--resume needs --checkpoint-dir, since staged checkpoints go with a failed run")
  void resumeNeedsCheckpointDir() {
    UserError error = assertThrows(UserError.class,
        () -> parse("--prepared-dir", "p", "--model-dir", "m", "--resume").validate());
    assertTrue(error.getMessage().startsWith("option '--resume': needs --checkpoint-dir"),
        error.getMessage());

    TrainOptions options = parse("--prepared-dir", "p", "--model-dir", "m", "--resume",
        "--checkpoint-dir", "c").validate();
    assertTrue(options.resume());
  }
}
