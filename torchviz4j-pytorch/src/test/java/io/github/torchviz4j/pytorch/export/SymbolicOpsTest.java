package io.github.torchviz4j.pytorch.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Symbolic arithmetic follows Python's rules on concrete values. */
class SymbolicOpsTest {

  @Test
  void integerDivisionFloorsAndModuloTakesTheDivisorsSign() {
    assertThat(SymbolicOps.apply("floordiv", List.of(-7L, 2L))).isEqualTo(-4L);
    assertThat(SymbolicOps.apply("mod", List.of(-7L, 2L))).isEqualTo(1L);
    assertThat(SymbolicOps.apply("mod", List.of(7L, -2L))).isEqualTo(-1L);
    assertThat(SymbolicOps.apply("truediv", List.of(7L, 2L))).isEqualTo(3.5);
  }

  @Test
  void intsStayIntsAndMixedOperandsGiveFloats() {
    assertThat(SymbolicOps.apply("mul", List.of(6L, 7L))).isEqualTo(42L);
    assertThat(SymbolicOps.apply("add", List.of(1L, 0.5))).isEqualTo(1.5);
    assertThat(SymbolicOps.apply("sym_max", List.of(3L, 9L))).isEqualTo(9L);
    assertThat(SymbolicOps.apply("sym_float", List.of(3L))).isEqualTo(3.0);
    assertThat(SymbolicOps.apply("sym_int", List.of(-2.7))).isEqualTo(-2L);
    assertThat(SymbolicOps.apply("ceil", List.of(2.1))).isEqualTo(3L);
  }

  @Test
  void comparisonsAndLogicGiveBooleans() {
    assertThat(SymbolicOps.apply("lt", List.of(2L, 3L))).isEqualTo(true);
    assertThat(SymbolicOps.apply("eq", List.of(2L, 2.0))).isEqualTo(true);
    assertThat(SymbolicOps.apply("sym_not", List.of(true))).isEqualTo(false);
    assertThat(SymbolicOps.apply("sym_ite", List.of(false, 1L, 2L))).isEqualTo(2L);
  }

  @Test
  void divisionByZeroAndUnknownOperatorsThrow() {
    assertThatThrownBy(() -> SymbolicOps.apply("floordiv", List.of(1L, 0L))).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> SymbolicOps.apply("xor", List.of(1L, 0L))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("xor");
  }
}
