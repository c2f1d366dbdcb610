package io.github.torchviz4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonReprTest {

  /** Expected texts are what CPython 3.11 prints with repr(float). */
  @ParameterizedTest
  @CsvSource({
      "1.0, 1.0", "0.5, 0.5", "0.1, 0.1", "12.15, 12.15", "98.39999999999999, 98.39999999999999",
      "1e-05, 1e-05", "0.0001, 0.0001", "1.5e-05, 1.5e-05", "1e16, 1e+16", "1.2345e16, 1.2345e+16",
      "999999999999999.0, 999999999999999.0", "-2.5, -2.5", "-1e-07, -1e-07", "123456789.0, 123456789.0",
      "0.30000000000000004, 0.30000000000000004", "5e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308"})
  void printsFloatsAsPythonRepr(double value, String expected) {
    assertThat(PythonRepr.ofDouble(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"Infinity, inf", "-Infinity, -inf", "NaN, nan", "-0.0, -0.0", "0.0, 0.0"})
  void printsSpecialValuesAsPython(double value, String expected) {
    assertThat(PythonRepr.ofDouble(value)).isEqualTo(expected);
  }
}
