package org.ncfspark.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.univocity.parsers.csv.CsvParser;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How one input line becomes fields, and where the earliest bad line lies once the partitions
 * of a file are counted.
 */
class CsvLinesTest {

  private static final InputFile.LineParser FIELDS =
      (fields, text) -> ParsedLine.good(RowFactory.create((Object) fields));

  @ParameterizedTest
  @ValueSource(strings = {"1,2,3.5,1000", "1,,3.5,1000", " 1 ,2 ,\t3.5,1000 ", "1,2,3.5,1000,",
      ",,,", "1", "a,b", "1,\"Two, The (2002)\",Comedy", "2,\"He said \"\"no\"\"\",Drama",
      "#1,2,3.5,1000", "1,2,\"unclosed"})
  @DisplayName("a line split at its commas gives the fields the CSV parser gives, empty ones null")
  void plainLinesReadAsTheParserReadsThem(String line) {
    CsvParser csv = new CsvParser(InputFile.settings());
    String[] expected = csv.parseLine(line);

    ParsedLine parsed = InputFile.parseLine(csv, line, FIELDS);

    assertArrayEquals(expected, (String[]) parsed.row().get(0));
  }

  @Test
  @DisplayName("a line longer than a quick split handles goes to the CSV parser")
  void longLinesGoToTheParser() {
    String line = "1," + "x".repeat(600) + ",3";
    CsvParser csv = new CsvParser(InputFile.settings());

    ParsedLine parsed = InputFile.parseLine(csv, line, FIELDS);

    assertArrayEquals(new String[] {"1", "x".repeat(600), "3"}, (String[]) parsed.row().get(0));
  }

  @Test
  @DisplayName("the earliest bad line is numbered after every line of the partitions before it")
  void earliestBadLineCountsEarlierPartitions() {
    // Partition 0: the header (offset 0) and 9 good lines; partition 1: 5 good lines and a bad
    // one at offset 2; partition 2: a bad line at offset 0, later in the file.
    List<BadRows.Group> groups = List.of(
        new BadRows.Group(2, "blank line", 1, 0, ""),
        new BadRows.Group(0, null, 9, 0, null),
        new BadRows.Group(1, null, 5, 0, null),
        new BadRows.Group(1, "timestamp is negative", 1, 2, "1,2,3.0,-1"),
        new BadRows.Group(2, null, 4, 0, null));

    BadRows badRows = BadRows.of(groups, 3);

    assertEquals(20, badRows.lines());
    assertEquals(2, badRows.bad());
    assertEquals(13, badRows.first().line());
    assertEquals("timestamp is negative", badRows.first().problem());
    assertEquals("1,2,3.0,-1", badRows.first().text());
  }
}
