package org.ncfspark.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --config} option every job accepts. {@link JobCommand} reads the file before parsing,
 * so this mixin exists to document the option in {@code --help} and to accept it.
 */
public final class ConfigOption {

  public static final String NAME = "--config";

  @Option(
      names = NAME,
      paramLabel = "FILE",
      description = "Properties file of option defaults, keys named like the options without "
          + "dashes (min-year=0); the command line wins. Example: conf/sample.properties.")
  String file;
}
