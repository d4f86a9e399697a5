package org.ncfspark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The README's job reference must list every option each job accepts, with its default. */
class ReadmeTest {

  private static Object job(String name) {
    return switch (name) {
      case "PrepareJob" -> new PrepareJob();
      case "TrainJob" -> new TrainJob();
      case "EvaluateJob" -> new EvaluateJob();
      case "RecommendJob" -> new RecommendJob();
      case "SyntheticMovieLensJob" -> new SyntheticMovieLensJob();
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"PrepareJob", "TrainJob", "EvaluateJob", "RecommendJob",
      "SyntheticMovieLensJob"})
  @DisplayName("every option of the job and its default appear in its README section")
  void readmeListsEveryOption(String name) throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("### " + name + "\n");
    assertTrue(start >= 0, "README.md has no section '### " + name + "'");
    int end = readme.indexOf("```\n", readme.indexOf("```\n", start) + 4);
    String section = readme.substring(start, end);

    List<OptionSpec> options = new CommandLine(job(name)).getCommandSpec().options();
    for (OptionSpec option : options) {
      assertTrue(section.contains(option.longestName()),
          "README.md's " + name + " section lacks " + option.longestName());
      String defaultValue = option.defaultValue();
      if (defaultValue != null && !option.usageHelp() && !option.versionHelp()) {
        assertTrue(section.contains("Default: " + defaultValue),
            "README.md's " + name + " section lacks " + option.longestName() + "'s default "
                + defaultValue);
      }
    }
  }
}
