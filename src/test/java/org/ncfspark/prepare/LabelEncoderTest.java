package org.ncfspark.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.ncfspark.spark.TestSpark;

class LabelEncoderTest {

  private final SparkSession spark = TestSpark.session();

  @Test
  void givesDenseIndicesInIdOrderWhateverTheRowOrder() {
    Map<Integer, Integer> indexById = indexById(List.of(907, 3, 55, 3, 12000, 55, 8), 3);

    assertEquals(Map.of(3, 0, 8, 1, 55, 2, 907, 3, 12000, 4), indexById);
    assertEquals(indexById, indexById(List.of(8, 12000, 55, 907, 3), 1));
  }

  private Map<Integer, Integer> indexById(List<Integer> ids, int partitions) {
    StructType schema = new StructType().add("userId", DataTypes.IntegerType);
    List<Row> rows = ids.stream().map(RowFactory::create).collect(Collectors.toList());
    Dataset<Row> input = spark.createDataFrame(rows, schema).repartition(partitions);

    return LabelEncoder.encode(input, "userId", "user").collectAsList().stream()
        .collect(Collectors.toMap(row -> row.getInt(1), row -> row.getInt(0)));
  }
}
