package org.ncfspark.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --validate} option every job accepts: check the options and that the inputs exist,
 * then stop before any Spark work. A scheduler can run it before it commits a cluster to a job.
 */
public final class ValidateOption {

  public static final String NAME = "--validate";

  @Option(
      names = NAME,
      description = "Only check the options and that every input exists (through Hadoop's "
          + "FileSystem, so hdfs: and s3a: paths are checked where they live), then exit 0 "
          + "without starting Spark or writing anything.")
  boolean requested;

  public boolean requested() {
    return requested;
  }
}
