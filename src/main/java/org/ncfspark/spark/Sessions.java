package org.ncfspark.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Starts the Spark session of a job, in local mode unless spark-submit chose a master. */
public final class Sessions {

  /** Spark's default of 200 shuffle partitions costs more than it splits on one machine. */
  private static final String LOCAL_SHUFFLE_PARTITIONS = "8";

  private Sessions() {}

  public static SparkSession start(String appName) {
    SparkConf conf = new SparkConf()
        .setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.ui.showConsoleProgress", "false")
        .setIfMissing("spark.sql.session.timeZone", "UTC");
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.sql.shuffle.partitions", LOCAL_SHUFFLE_PARTITIONS);
    }
    return SparkSession.builder()
        .appName(appName)
        .config(conf)
        .getOrCreate();
  }
}
