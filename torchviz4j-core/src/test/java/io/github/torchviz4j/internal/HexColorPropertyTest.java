package io.github.torchviz4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** {@link HexColor} against the JDK's own {@code #%06x}. */
class HexColorPropertyTest {
  @Property
  void writesLikeTheJdksFormatter(@ForAll @IntRange(min = 0, max = 0xffffff) int rgb) {
    assertThat(HexColor.of(rgb)).isEqualTo(String.format(Locale.ROOT, "#%06x", rgb));
  }

  @Example
  void keepsLeadingZerosAndRefusesMoreThan24Bits() {
    assertThat(HexColor.of(0)).isEqualTo("#000000");
    assertThat(HexColor.of(0x00ff00)).isEqualTo("#00ff00");
    assertThat(HexColor.of(0xffffff)).isEqualTo("#ffffff");
    assertThatThrownBy(() -> HexColor.of(0x1000000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("24 bits");
    assertThatThrownBy(() -> HexColor.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
