package org.ncfspark.prepare;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Gives ids dense 0-based indices in ascending id order, so the same ids always get the same
 * indices. The ids are sorted and numbered on the executors; nothing reaches the driver.
 */
public final class LabelEncoder {

  private LabelEncoder() {}

  /**
   * One row per distinct value of the integer column {@code idColumn}: (indexColumn, idColumn).
   */
  public static Dataset<Row> encode(Dataset<Row> rows, String idColumn, String indexColumn) {
    JavaRDD<Row> indexed = rows.select(idColumn)
        .distinct()
        .orderBy(idColumn)
        .toJavaRDD()
        .zipWithIndex()
        .map(pair -> RowFactory.create(Math.toIntExact(pair._2()), pair._1().getInt(0)));
    StructType schema = new StructType()
        .add(indexColumn, DataTypes.IntegerType, false)
        .add(idColumn, DataTypes.IntegerType, false);
    return SparkSession.active().createDataFrame(indexed, schema);
  }
}
