package org.ncfspark.prepare;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release year MovieLens writes at the end of a title, as in "Heat (1995)". Only a
 * four-digit year in parentheses closing the title counts (trailing spaces allowed): digits
 * elsewhere belong to the name ("2001: A Space Odyssey (1968)"), and ranges such as
 * "(2006–2007)" are series, not a release year.
 */
public final class ReleaseYear {

  private static final Pattern YEAR_AT_END = Pattern.compile("\\((\\d{4})\\)\\s*$");

  private ReleaseYear() {}

  /** The year, or null when the title does not end with one. */
  public static Integer of(String title) {
    if (title == null) {
      return null;
    }
    Matcher matcher = YEAR_AT_END.matcher(title);
    return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
  }
}
