package org.ncfspark.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.ncfspark.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * What {@code --validate} checks once a job's options are valid: every input the job would read
 * exists, and its output is free or may be replaced. Paths are resolved through Hadoop's
 * FileSystem with the configuration a Spark job would get, but no Spark context is started.
 */
public final class Preflight {

  private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);
  private static final String SPARK_HADOOP_PREFIX = "spark.hadoop.";

  private final String job;
  private final Storage storage;
  private final List<String> inputs = new ArrayList<>();
  private final List<String> outputs = new ArrayList<>();

  public Preflight(String job, Configuration hadoop) {
    this.job = job;
    this.storage = new Storage(hadoop);
  }

  /** A preflight with the Hadoop configuration of the Spark application being submitted. */
  public static Preflight of(String job) {
    return new Preflight(job, hadoopConfiguration(new SparkConf()));
  }

  /**
   * Hadoop's own files (core-site.xml and the like on the classpath) plus every
   * {@code spark.hadoop.*} property, as Spark builds the configuration of its jobs.
   */
  static Configuration hadoopConfiguration(SparkConf spark) {
    Configuration hadoop = new Configuration();
    for (Tuple2<String, String> entry : spark.getAll()) {
      if (entry._1().startsWith(SPARK_HADOOP_PREFIX)) {
        hadoop.set(entry._1().substring(SPARK_HADOOP_PREFIX.length()), entry._2());
      }
    }
    return hadoop;
  }

  /** Requires {@code path}, given through {@code option}; {@code expected} says what writes it. */
  public Preflight input(String option, String path, String expected) {
    if (!storage.exists(path)) {
      throw new UserError("option '" + option + "': " + path + " does not exist; " + expected);
    }
    inputs.add(path);
    return this;
  }

  /** Refuses an existing output unless it may be replaced, as the job itself would. */
  public Preflight output(String option, String path, boolean overwrite) {
    boolean exists = storage.exists(path);
    if (exists && !overwrite) {
      throw new UserError("option '" + option + "': " + path
          + " already exists; pass --overwrite to replace it");
    }
    outputs.add(path + (exists ? " (exists, would be replaced)" : " (free)"));
    return this;
  }

  /** Logs what was checked and returns the job's exit code, 0. */
  public int passed() {
    LOG.info("{} {}: options valid; inputs found: {}; output {}; nothing run", job,
        ValidateOption.NAME, String.join(", ", inputs), String.join(", ", outputs));
    return 0;
  }

  /** The inputs found so far, in the order checked. */
  public List<String> inputs() {
    return List.copyOf(inputs);
  }
}
