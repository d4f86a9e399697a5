package org.ncfspark.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseYearTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "Toy Story (1995)|1995",
      "Heat (1995)   |1995",
      "American President, The (1995)|1995",
      "2001: A Space Odyssey (1968)|1968",
      "1900 (Novecento) (1976)|1976",
      "Babylon 5|none",
      "Ready Player One|none",
      "Death Note: Desu nôto (2006–2007)|none",
      "Paterson (2016) extended|none",
      "Blade Runner 2049 (2017)|2017",
      "Hello (1995) Again (2011)|2011",
      "Three digits (995)|none",
      "Five digits (19950)|none",
      "Empty parentheses ()|none",
      "|none"
  })
  void takesOnlyTheFourDigitYearClosingTheTitle(String title, Integer expected) {
    assertEquals(expected, ReleaseYear.of(title));
  }
}
