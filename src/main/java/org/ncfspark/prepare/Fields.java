package org.ncfspark.prepare;

/** Parses the text of one CSV field, giving null for an empty or malformed one. */
final class Fields {

  private Fields() {}

  static Integer integer(String field) {
    try {
      return field == null ? null : Integer.valueOf(field.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Long longInteger(String field) {
    try {
      return field == null ? null : Long.valueOf(field.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A finite decimal number; NaN and infinities are not ratings. */
  static Double decimal(String field) {
    try {
      double value = field == null ? Double.NaN : Double.parseDouble(field.trim());
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
