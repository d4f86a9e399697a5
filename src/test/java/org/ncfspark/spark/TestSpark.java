package org.ncfspark.spark;

import org.apache.spark.sql.SparkSession;

/** One local Spark session shared by every test in the JVM, sized for a small machine. */
public final class TestSpark {

  private TestSpark() {}

  public static synchronized SparkSession session() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("ncf-spark tests")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }
}
