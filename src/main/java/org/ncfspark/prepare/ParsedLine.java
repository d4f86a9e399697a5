package org.ncfspark.prepare;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * One data line of an input CSV file: its values as a row, or the problem that keeps it out.
 *
 * @param row the parsed values, null for a bad line
 * @param problem why the line is bad, one of a few fixed phrases so that counts group well;
 *     null for a good line
 * @param text the line as read, kept only for a bad line so a message can quote it
 */
record ParsedLine(Row row, String problem, String text) implements Serializable {

  static ParsedLine good(Row row) {
    return new ParsedLine(row, null, null);
  }

  static ParsedLine bad(String problem, String text) {
    return new ParsedLine(null, problem, text);
  }

  boolean isBad() {
    return problem != null;
  }
}
