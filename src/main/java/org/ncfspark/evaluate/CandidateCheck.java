package org.ncfspark.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ncfspark.cli.UserError;
import org.ncfspark.data.Columns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that test candidates can be ranked before any model runs on them: every user has
 * exactly one positive and at least one negative, labels are 0 or 1, indices are present and
 * non-negative. Each failure names its check; only a few offending users reach the
 * driver, for the message.
 */
public final class CandidateCheck {

  static final String ONE_POSITIVE = "exactly one positive (label 1) per user";
  static final String NO_NULLS = "no null user, item or label";
  static final String BINARY_LABELS = "every label is 0 or 1";
  static final String NON_NEGATIVE = "user and item indices are >= 0";
  static final String NOT_EMPTY = "at least one candidate";
  static final String SOME_NEGATIVE = "at least one negative per user";

  private static final String POSITIVES = "positives";
  private static final String CANDIDATES = "candidates";
  private static final int EXAMPLES = 3;
  private static final Logger LOG = LoggerFactory.getLogger(CandidateCheck.class);

  private CandidateCheck() {}

  /** Checks {@code test}, read from {@code source}, and sums it up; fails with a UserError. */
  public static CandidateSummary check(Dataset<Row> test, String source) {
    requireColumns(test, source);
    Row totals = test.agg(
        count(lit(1)),
        sum(when(anyNull(), 1).otherwise(0)),
        sum(when(not(col(Columns.LABEL).isin(0, 1)), 1).otherwise(0)),
        min(Columns.USER), min(Columns.ITEM), max(Columns.USER), max(Columns.ITEM)).first();
    require(totals.getLong(0) > 0, source, NOT_EMPTY, "it holds no rows");
    require(totals.getLong(1) == 0, source, NO_NULLS, totals.getLong(1) + " rows have a null");
    require(totals.getLong(2) == 0, source, BINARY_LABELS,
        totals.getLong(2) + " rows have another label");
    require(number(totals, 3) >= 0 && number(totals, 4) >= 0, source, NON_NEGATIVE,
        "smallest user " + number(totals, 3) + ", smallest item " + number(totals, 4));

    Dataset<Row> perUser = perUser(test);
    Row users = perUser.agg(
        count(lit(1)),
        sum(when(col(POSITIVES).notEqual(1), 1).otherwise(0)),
        min(CANDIDATES), max(CANDIDATES)).first();
    long wrongPositives = users.getLong(1);
    require(wrongPositives == 0, source, ONE_POSITIVE, wrongPositives + " of " + users.getLong(0)
        + " users fail it, e.g. " + examples(perUser));
    // Only a user who has seen the whole catalogue has none; a rank among one candidate is void.
    require(users.getLong(2) >= 2, source, SOME_NEGATIVE,
        "a user has " + users.getLong(2) + " candidate(s) in all");
    if (users.getLong(2) != users.getLong(3)) {
      // PrepareJob --allow-fewer-negatives gives users who have seen almost everything fewer.
      LOG.warn("Test users in {} have from {} to {} candidates; their ranks are not on one scale",
          source, users.getLong(2), users.getLong(3));
    }

    return new CandidateSummary(totals.getLong(0), users.getLong(0), users.getLong(3),
        Math.toIntExact(number(totals, 5)), Math.toIntExact(number(totals, 6)));
  }

  private static void requireColumns(Dataset<Row> test, String source) {
    List<String> present = Arrays.asList(test.columns());
    for (String column : List.of(Columns.USER, Columns.ITEM, Columns.LABEL)) {
      if (!present.contains(column)) {
        throw new UserError("test data " + source + " has no column '" + column
            + "'; its columns are " + present);
      }
    }
  }

  private static Column anyNull() {
    return col(Columns.USER).isNull()
        .or(col(Columns.ITEM).isNull())
        .or(col(Columns.LABEL).isNull());
  }

  private static Dataset<Row> perUser(Dataset<Row> test) {
    return test
        .groupBy(Columns.USER)
        .agg(
            sum(when(col(Columns.LABEL).equalTo(1), 1).otherwise(0)).as(POSITIVES),
            count(lit(1)).as(CANDIDATES));
  }

  private static String examples(Dataset<Row> perUser) {
    List<Row> offenders = perUser
        .filter(col(POSITIVES).notEqual(1))
        .orderBy(Columns.USER)
        .limit(EXAMPLES)
        .collectAsList();
    return offenders.stream()
        .map(row -> "user " + row.get(0) + " has " + row.get(1))
        .collect(Collectors.joining(", "));
  }

  /** Index columns may be int or long in data written by other tools. */
  private static long number(Row row, int field) {
    return ((Number) row.get(field)).longValue();
  }

  private static void require(boolean passed, String source, String check, String detail) {
    if (!passed) {
      throw new UserError(
          "test data " + source + " fails the check '" + check + "': " + detail);
    }
  }
}
