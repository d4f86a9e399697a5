package org.ncfspark.evaluate;

import org.apache.spark.sql.SparkSession;

/** One small local Spark session shared by the evaluation tests of a test JVM. */
final class LocalSpark {

  private LocalSpark() {}

  static SparkSession session() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("evaluate-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }
}
