package org.ncfspark.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Starts the Spark session of a job, in local mode unless spark-submit chose a master. */
public final class Sessions {

  private Sessions() {}

  public static SparkSession start(String appName) {
    SparkConf conf = new SparkConf()
        .setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.ui.showConsoleProgress", "false")
        .setIfMissing("spark.sql.session.timeZone", "UTC");
    return SparkSession.builder()
        .appName(appName)
        .config(conf)
        .getOrCreate();
  }
}
