package org.ncfspark.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ncfspark.cli.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a prepared directory's train/ and test/ against each other and against summary.json
 * before a model learns from them or is judged on them: data changed or mixed up after
 * PrepareJob would otherwise give a model or a metric that looks fine and means nothing. Every
 * check is a Spark aggregation; only counts reach the driver.
 */
public final class PreparedCheck {

  public static final String INDICES = "indices lie within summary.json's users and items";
  public static final String ONE_POSITIVE = "exactly one test positive per user";
  public static final String ALL_USERS = "every user of summary.json has a test positive";
  public static final String HELD_OUT = "no test positive is also a training positive";
  public static final String NEGATIVES = "no negative is one of the user's positives";

  private static final Logger LOG = LoggerFactory.getLogger(PreparedCheck.class);

  private PreparedCheck() {}

  public static void check(SparkSession spark, PreparedLayout layout, PreparedFacts facts) {
    long started = System.nanoTime();
    Dataset<Row> train = pairs(spark.read().parquet(layout.train()));
    Dataset<Row> test = pairs(spark.read().parquet(layout.test()));

    checkIndices(layout, train.union(test), facts);
    checkTestUsers(layout, test, facts);
    Dataset<Row> trainPositives = positives(train, 1);
    Dataset<Row> testPositives = positives(test, 1);
    require(layout, HELD_OUT, testPositives.intersect(trainPositives).count(),
        "test positives are also training positives");
    Dataset<Row> negatives = positives(train, 0).union(positives(test, 0));
    require(layout, NEGATIVES,
        negatives.intersect(trainPositives.union(testPositives)).count(),
        "distinct (user, item) negatives equal one of the user's positives");
    LOG.info("Checked {}: indices, one held-out positive per user, negatives apart from "
        + "positives, in {} s", layout.dir(), String.format("%.1f",
        (System.nanoTime() - started) / 1e9));
  }

  private static Dataset<Row> pairs(Dataset<Row> rows) {
    return rows.select(Columns.USER, Columns.ITEM, Columns.LABEL);
  }

  private static Dataset<Row> positives(Dataset<Row> rows, int label) {
    return rows.filter(col(Columns.LABEL).equalTo(label)).select(Columns.USER, Columns.ITEM);
  }

  private static void checkIndices(PreparedLayout layout, Dataset<Row> rows, PreparedFacts facts) {
    Row range = rows.agg(min(Columns.USER), max(Columns.USER), min(Columns.ITEM),
        max(Columns.ITEM)).first();
    long minUser = number(range, 0);
    long maxUser = number(range, 1);
    long minItem = number(range, 2);
    long maxItem = number(range, 3);
    if (minUser < 0 || maxUser >= facts.users() || minItem < 0 || maxItem >= facts.items()) {
      throw failure(layout, INDICES, "users run from " + minUser + " to " + maxUser
          + " and items from " + minItem + " to " + maxItem + ", but summary.json counts "
          + facts.users() + " users and " + facts.items() + " items");
    }
  }

  private static void checkTestUsers(PreparedLayout layout, Dataset<Row> test,
      PreparedFacts facts) {
    Row users = test.groupBy(Columns.USER)
        .agg(sum(Columns.LABEL).as(Columns.LABEL))
        .agg(count(lit(1)), sum(col(Columns.LABEL).notEqual(1).cast("long")))
        .first();
    require(layout, ONE_POSITIVE, users.getLong(1), "test users have another number");
    if (users.getLong(0) != facts.users()) {
      throw failure(layout, ALL_USERS, "test/ holds " + users.getLong(0) + " users, "
          + "summary.json counts " + facts.users());
    }
  }

  private static long number(Row row, int field) {
    return row.isNullAt(field) ? 0 : ((Number) row.get(field)).longValue();
  }

  private static void require(PreparedLayout layout, String check, long offenders,
      String what) {
    if (offenders > 0) {
      throw failure(layout, check, offenders + " " + what);
    }
  }

  private static UserError failure(PreparedLayout layout, String check, String detail) {
    return new UserError("prepared data " + layout.dir() + " fails the check '" + check + "': "
        + detail + "; was it changed after PrepareJob wrote it?");
  }
}
