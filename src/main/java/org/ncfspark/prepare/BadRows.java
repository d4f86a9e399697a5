package org.ncfspark.prepare;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pass over an input file found: its data lines, how many were bad for each problem, and
 * the earliest bad line, to quote in a message. Partial results of partitions merge into one.
 */
final class BadRows implements Serializable {

  private long lines;
  private final TreeMap<String, Long> byProblem = new TreeMap<>();
  private ParsedLine first;

  BadRows add(ParsedLine line) {
    lines++;
    if (line.isBad()) {
      byProblem.merge(line.problem(), 1L, Long::sum);
      if (first == null || line.line() < first.line()) {
        first = line;
      }
    }
    return this;
  }

  BadRows merge(BadRows other) {
    lines += other.lines;
    other.byProblem.forEach((problem, count) -> byProblem.merge(problem, count, Long::sum));
    if (other.first != null && (first == null || other.first.line() < first.line())) {
      first = other.first;
    }
    return this;
  }

  /** Data lines, the header not counted. */
  long lines() {
    return lines;
  }

  long bad() {
    return byProblem.values().stream().mapToLong(Long::longValue).sum();
  }

  Map<String, Long> byProblem() {
    return byProblem;
  }

  /** The earliest bad line, or null when none is bad. */
  ParsedLine first() {
    return first;
  }
}
