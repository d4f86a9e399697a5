package org.ncfspark.prepare;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pass over an input file found: its data lines, how many were bad for each problem, and
 * the earliest bad line, to quote in a message.
 */
final class BadRows {

  /** A bad line: its 1-based number in the file, the header being line 1. */
  record Line(long line, String problem, String text) {}

  /**
   * The lines of one partition of the file with one problem (null: the good ones), and the
   * earliest of them by its 0-based offset in the partition, the header being offset 0 of
   * partition 0.
   */
  record Group(int partition, String problem, long lines, long offset, String text)
      implements Serializable {}

  private final long lines;
  private final TreeMap<String, Long> byProblem;
  private final Line first;

  private BadRows(long lines, TreeMap<String, Long> byProblem, Line first) {
    this.lines = lines;
    this.byProblem = byProblem;
    this.first = first;
  }

  /** Sums the groups of a file read in {@code partitions} partitions. */
  static BadRows of(Iterable<Group> groups, int partitions) {
    long[] linesBefore = new long[partitions + 1];
    linesBefore[1] = 1;
    long lines = 0;
    TreeMap<String, Long> byProblem = new TreeMap<>();
    Group earliest = null;
    for (Group group : groups) {
      lines += group.lines();
      linesBefore[group.partition() + 1] += group.lines();
      if (group.problem() != null) {
        byProblem.merge(group.problem(), group.lines(), Long::sum);
        if (earliest == null || group.partition() < earliest.partition()
            || group.partition() == earliest.partition() && group.offset() < earliest.offset()) {
          earliest = group;
        }
      }
    }
    if (earliest == null) {
      return new BadRows(lines, byProblem, null);
    }
    long before = 0;
    for (int partition = 0; partition <= earliest.partition(); partition++) {
      before += linesBefore[partition];
    }
    Line first = new Line(before + earliest.offset() + 1, earliest.problem(), earliest.text());
    return new BadRows(lines, byProblem, first);
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
  Line first() {
    return first;
  }
}
