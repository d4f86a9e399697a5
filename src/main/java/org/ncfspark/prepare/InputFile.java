package org.ncfspark.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.ncfspark.cli.UserError;
import org.ncfspark.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  /** Fewer characters than the parser's 512 fields and 4096 characters a field allow. */
  private static final int PLAIN_CHARS = 500;

  /** Turns the fields of one data line into a row, or says why it cannot. */
  interface LineParser extends Serializable {
    ParsedLine parse(String[] fields, String text);
  }

  private static final String PROBLEM = "_problem";
  private static final String TEXT = "_text";
  private static final String PARTITION = "_partition";
  private static final String OFFSET = "_offset";
  private static final String LINES = "_lines";
  private static final String EARLIEST = "_earliest";

  private final Dataset<Row> lines;
  private final Dataset<Row> rows;
  private final BadRows badRows;

  private InputFile(Dataset<Row> lines, Dataset<Row> rows, BadRows badRows) {
    this.lines = lines;
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

  void unpersist() {
    lines.unpersist(false);
  }

  /**
   * Parses the file once: every data line is cached with its problem, if any, and where it lies
   * (partition and offset in it), and one aggregation over that cache counts the bad lines and
   * finds the earliest, whose line number follows from the lines of the partitions before it.
   */
  static InputFile read(SparkSession spark, String path, StructType schema, InputRules rules,
      LineParser parser) {
    requireExists(spark, path);
    JavaRDD<String> text = JavaSparkContext
        .fromSparkContext(spark.sparkContext())
        .textFile(path);
    String header = String.join(",", schema.fieldNames());
    requireHeader(path, text, header);

    Object[] placeholders = placeholders(schema);
    JavaRDD<Row> parsed = text.mapPartitionsWithIndex(
        (partition, partitionLines) -> parse(partition, partitionLines, parser, placeholders),
        false);
    Dataset<Row> lines = spark.createDataFrame(parsed, withPlace(schema))
        .persist(StorageLevel.MEMORY_AND_DISK());
    BadRows badRows = count(lines, text.getNumPartitions());
    try {
      if (badRows.lines() == 0) {
        throw new UserError(path + " holds the header but no rows");
      }
      judge(path, badRows, rules);
    } catch (UserError e) {
      lines.unpersist(false);
      throw e;
    }

    Dataset<Row> rows = lines.filter(col(PROBLEM).isNull()).select(columns(schema));
    return new InputFile(lines, rows, badRows);
  }

  /** The schema's columns, then the problem, the quoted text and the place of each line. */
  private static StructType withPlace(StructType schema) {
    return schema
        .add(PROBLEM, DataTypes.StringType, true)
        .add(TEXT, DataTypes.StringType, true)
        .add(PARTITION, DataTypes.IntegerType, false)
        .add(OFFSET, DataTypes.LongType, false);
  }

  /** Values a bad line carries in the schema's columns, which are never read. */
  private static Object[] placeholders(StructType schema) {
    Object[] values = new Object[schema.size()];
    for (int i = 0; i < values.length; i++) {
      DataType type = schema.fields()[i].dataType();
      values[i] = type.equals(DataTypes.IntegerType) ? (Object) 0
          : type.equals(DataTypes.LongType) ? (Object) 0L
          : type.equals(DataTypes.DoubleType) ? (Object) 0.0
          : "";
    }
    return values;
  }

  private static Column[] columns(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(functions::col).toArray(Column[]::new);
  }

  /** One small row per partition and problem reaches the driver, never a line of data. */
  private static BadRows count(Dataset<Row> lines, int partitions) {
    List<Row> groups = lines
        .groupBy(PARTITION, PROBLEM)
        .agg(functions.count("*").as(LINES), min(struct(OFFSET, TEXT)).as(EARLIEST))
        .collectAsList();
    List<BadRows.Group> counted = groups.stream()
        .map(group -> new BadRows.Group(group.getInt(0), group.getString(1), group.getLong(2),
            group.getStruct(3).getLong(0), group.getStruct(3).getString(1)))
        .toList();
    return BadRows.of(counted, partitions);
  }

  static void requireExists(SparkSession spark, String path) {
    Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    if (!storage.exists(path)) {
      throw new UserError("option '--input-dir': " + path + " does not exist; expected a "
          + "MovieLens directory holding " + MovieLensInput.MOVIES_FILE + " and "
          + MovieLensInput.RATINGS_FILE);
    }
  }

  static void requireHeader(String path, JavaRDD<String> text, String header) {
    if (text.isEmpty()) {
      throw new UserError(path + " is empty; expected the header line '" + header + "'");
    }
    String first = text.first();
    String found = first.isEmpty() || first.charAt(0) != BYTE_ORDER_MARK
        ? first
        : first.substring(1);
    if (!found.trim().equals(header)) {
      throw new UserError(path + " line 1: expected the header '" + header + "', found '"
          + quoted(found) + "'");
    }
  }

  /**
   * The lines of one partition as rows of {@link #withPlace}; partition 0 starts with the header,
   * which is checked already and left out, but keeps its offset 0.
   */
  private static Iterator<Row> parse(int partition, Iterator<String> lines, LineParser parser,
      Object[] placeholders) {
    CsvParser csv = new CsvParser(settings());
    long first = 0;
    if (partition == 0 && lines.hasNext()) {
      lines.next();
      first = 1;
    }
    long start = first;
    return new Iterator<>() {
      private long offset = start;

      @Override
      public boolean hasNext() {
        return lines.hasNext();
      }

      @Override
      public Row next() {
        ParsedLine line = parseLine(csv, lines.next(), parser);
        Object[] values = new Object[placeholders.length + 4];
        if (line.isBad()) {
          System.arraycopy(placeholders, 0, values, 0, placeholders.length);
        } else {
          for (int i = 0; i < placeholders.length; i++) {
            values[i] = line.row().get(i);
          }
        }
        values[placeholders.length] = line.problem();
        values[placeholders.length + 1] = line.text();
        values[placeholders.length + 2] = partition;
        values[placeholders.length + 3] = offset++;
        return RowFactory.create(values);
      }
    };
  }

  static ParsedLine parseLine(CsvParser csv, String text, LineParser parser) {
    if (text.isBlank()) {
      return ParsedLine.bad("blank line", text);
    }
    String[] fields = plainFields(text);
    if (fields == null) {
      try {
        fields = csv.parseLine(text);
      } catch (RuntimeException e) {
        return ParsedLine.bad("not valid CSV", quoted(text));
      }
    }
    return parser.parse(fields, quoted(text));
  }

  /**
   * Splits a line at its commas when the CSV parser would read it the same way, which is
   * several times faster on the millions of plain lines of a ratings file: no quote, no
   * comment mark at the start, well under the parser's limits on fields and field length. An
   * empty field is null, as the parser gives it. Any other line is left to the parser (null).
   */
  private static String[] plainFields(String text) {
    if (text.length() > PLAIN_CHARS || text.charAt(0) == '#' || text.indexOf('"') >= 0) {
      return null;
    }
    int count = 1;
    for (int i = text.indexOf(','); i >= 0; i = text.indexOf(',', i + 1)) {
      count++;
    }
    String[] fields = new String[count];
    int start = 0;
    for (int field = 0; field < count; field++) {
      int end = text.indexOf(',', start);
      if (end < 0) {
        end = text.length();
      }
      fields[field] = end == start ? null : text.substring(start, end);
      start = end + 1;
    }
    return fields;
  }

  static CsvParserSettings settings() {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(',');
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('"');
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    return settings;
  }

  /** Stops on bad rows when the rules say so or when there are too many to be noise. */
  static void judge(String path, BadRows badRows, InputRules rules) {
    if (badRows.bad() == 0) {
      return;
    }
    BadRows.Line first = badRows.first();
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
