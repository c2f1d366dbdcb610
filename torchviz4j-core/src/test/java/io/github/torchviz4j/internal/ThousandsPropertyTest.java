package io.github.torchviz4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** {@link Thousands} against the JDK's own {@code %,d} in the root locale. */
class ThousandsPropertyTest {
  @Property
  void groupsLikeTheJdksFormatter(@ForAll long n) {
    assertThat(Thousands.grouped(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
  }

  @Example
  void groupsAtEveryPowerOfTenAndTheEnds() {
    for (long n = 1; n > 0 && n <= Long.MAX_VALUE / 10; n *= 10) {
      for (long m : new long[] {n - 1, n, -n, -(n - 1)}) {
        assertThat(Thousands.grouped(m)).isEqualTo(String.format(Locale.ROOT, "%,d", m));
      }
    }
    assertThat(Thousands.grouped(Long.MIN_VALUE)).isEqualTo("-9,223,372,036,854,775,808");
    assertThat(Thousands.grouped(Long.MAX_VALUE)).isEqualTo("9,223,372,036,854,775,807");
  }
}
