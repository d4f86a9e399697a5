package org.ncfspark.prepare;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.Serializable;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.ncfspark.cli.UserError;
import org.ncfspark.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * One input CSV file, checked line by line on the executors: the header must be the expected
 * one, and every other line must parse into a row or is bad. Bad lines stop the job or are
 * dropped and counted, as the {@link InputRules} say; only the counts and the earliest bad line
 * reach the driver.
 */
final class InputFile {

  private static final Logger LOG = LoggerFactory.getLogger(InputFile.class);
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final int QUOTED_CHARS = 100;

  /** Turns the fields of one data line into a row, or says why it cannot. */
  interface LineParser extends Serializable {
    ParsedLine parse(long line, String[] fields, String text);
  }

  private final Dataset<Row> rows;
  private final BadRows badRows;

  private InputFile(Dataset<Row> rows, BadRows badRows) {
    this.rows = rows;
    this.badRows = badRows;
  }

  /** The good rows, cached until the caller unpersists them. */
  Dataset<Row> rows() {
    return rows;
  }

  BadRows badRows() {
    return badRows;
  }

  static InputFile read(SparkSession spark, String path, StructType schema, InputRules rules,
      LineParser parser) {
    requireExists(spark, path);
    JavaPairRDD<String, Long> numbered = JavaSparkContext
        .fromSparkContext(spark.sparkContext())
        .textFile(path)
        .zipWithIndex();
    String header = String.join(",", schema.fieldNames());
    requireHeader(path, numbered, header);

    JavaRDD<ParsedLine> parsed = numbered
        .filter(line -> line._2() > 0)
        .mapPartitions(lines -> parse(lines, parser));
    BadRows badRows = parsed.aggregate(new BadRows(), BadRows::add, BadRows::merge);
    if (badRows.lines() == 0) {
      throw new UserError(path + " holds the header but no rows");
    }
    judge(path, badRows, rules);

    JavaRDD<Row> good = parsed.filter(line -> !line.isBad()).map(ParsedLine::row);
    Dataset<Row> rows = spark.createDataFrame(good, schema)
        .persist(StorageLevel.MEMORY_AND_DISK());
    return new InputFile(rows, badRows);
  }

  private static void requireExists(SparkSession spark, String path) {
    Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    if (!storage.exists(path)) {
      throw new UserError("option '--input-dir': " + path + " does not exist; expected a "
          + "MovieLens directory holding " + MovieLensInput.MOVIES_FILE + " and "
          + MovieLensInput.RATINGS_FILE);
    }
  }

  private static void requireHeader(String path, JavaPairRDD<String, Long> numbered,
      String header) {
    if (numbered.isEmpty()) {
      throw new UserError(path + " is empty; expected the header line '" + header + "'");
    }
    String first = numbered.first()._1();
    String found = first.isEmpty() || first.charAt(0) != BYTE_ORDER_MARK
        ? first
        : first.substring(1);
    if (!found.trim().equals(header)) {
      throw new UserError(path + " line 1: expected the header '" + header + "', found '"
          + quoted(found) + "'");
    }
  }

  private static Iterator<ParsedLine> parse(Iterator<Tuple2<String, Long>> lines,
      LineParser parser) {
    CsvParser csv = new CsvParser(settings());
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return lines.hasNext();
      }

      @Override
      public ParsedLine next() {
        Tuple2<String, Long> line = lines.next();
        return parseLine(csv, line._1(), line._2() + 1, parser);
      }
    };
  }

  private static ParsedLine parseLine(CsvParser csv, String text, long number,
      LineParser parser) {
    if (text.isBlank()) {
      return ParsedLine.bad(number, "blank line", text);
    }
    String[] fields;
    try {
      fields = csv.parseLine(text);
    } catch (RuntimeException e) {
      return ParsedLine.bad(number, "not valid CSV", quoted(text));
    }
    return parser.parse(number, fields, quoted(text));
  }

  private static CsvParserSettings settings() {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(',');
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('"');
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    return settings;
  }

  /** Stops on bad rows when the rules say so or when there are too many to be noise. */
  private static void judge(String path, BadRows badRows, InputRules rules) {
    if (badRows.bad() == 0) {
      return;
    }
    ParsedLine first = badRows.first();
    String example = path + " line " + first.line() + ": " + first.problem() + ": '"
        + first.text() + "'";
    if (rules.onBadRows() == InputRules.OnBadRows.FAIL) {
      throw new UserError(example + "; fix the row or pass --on-bad-rows=drop");
    }
    double fraction = (double) badRows.bad() / badRows.lines();
    String counts = badRows.byProblem().entrySet().stream()
        .map(entry -> entry.getValue() + " " + entry.getKey())
        .collect(Collectors.joining(", "));
    if (fraction > rules.maxBadFraction()) {
      throw new UserError(String.format(Locale.ROOT, "%s: %d of %d rows are bad (%.2f%%), more "
          + "than --max-bad-fraction=%s allows: %s; the first is %s", path, badRows.bad(),
          badRows.lines(), 100 * fraction, rules.maxBadFraction(), counts, example));
    }
    LOG.warn("Dropped {} bad rows of {} in {}: {}; the first is {}", badRows.bad(),
        badRows.lines(), path, counts, example);
  }

  private static String quoted(String text) {
    return text.length() <= QUOTED_CHARS ? text : text.substring(0, QUOTED_CHARS) + "...";
  }
}
