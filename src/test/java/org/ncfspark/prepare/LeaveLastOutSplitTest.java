package org.ncfspark.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncfspark.spark.TestSpark;

class LeaveLastOutSplitTest {

  @Test
  @DisplayName("each user's latest positive is held out; a timestamp tie goes to the higher item")
  void holdsOutTheLatestPositive() {
    StructType schema = new StructType()
        .add("user", DataTypes.IntegerType)
        .add("item", DataTypes.IntegerType)
        .add("timestamp", DataTypes.LongType);
    List<Row> rows = List.of(
        RowFactory.create(0, 5, 100L),
        RowFactory.create(0, 2, 300L),
        RowFactory.create(0, 9, 200L),
        RowFactory.create(1, 4, 500L),
        RowFactory.create(1, 7, 500L),
        RowFactory.create(1, 1, 400L),
        RowFactory.create(2, 3, 50L),
        RowFactory.create(2, 8, 40L));

    Map<Integer, List<Integer>> heldOut = LeaveLastOutSplit
        .mark(TestSpark.session().createDataFrame(rows, schema))
        .filter("isTest")
        .collectAsList().stream()
        .collect(Collectors.groupingBy(row -> row.getInt(0),
            Collectors.mapping(row -> row.getInt(1), Collectors.toList())));

    assertEquals(Map.of(0, List.of(2), 1, List.of(7), 2, List.of(3)), heldOut);
  }
}
