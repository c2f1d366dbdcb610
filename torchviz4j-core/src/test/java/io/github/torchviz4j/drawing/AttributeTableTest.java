package io.github.torchviz4j.drawing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Attribute;
import io.github.torchviz4j.graph.AttributeValue.BoolValue;
import io.github.torchviz4j.graph.AttributeValue.FloatValue;
import io.github.torchviz4j.graph.AttributeValue.IntValue;
import io.github.torchviz4j.graph.AttributeValue.NoneValue;
import io.github.torchviz4j.graph.AttributeValue.SavedTensors;
import io.github.torchviz4j.graph.AttributeValue.TextValue;
import io.github.torchviz4j.graph.AttributeValue.TupleValue;
import io.github.torchviz4j.graph.AttributeValue.Unknown;
import io.github.torchviz4j.graph.AttributeValue;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeTableTest {

  private static IntValue integer(long value) {
    return new IntValue(BigInteger.valueOf(value));
  }

  private static TupleValue ints(long... values) {
    return new TupleValue(java.util.Arrays.stream(values).mapToObj(AttributeTableTest::integer)
        .map(AttributeValue.class::cast).toList());
  }

  @Test
  void formatsLikeTorchvizGetFnName() {
    // What torchviz prints for the seed's AddmmBackward0 (refs/neuron/attrs.canon.gv).
    List<Attribute> attributes = List.of(
        new Attribute("alpha", integer(1)), new Attribute("beta", integer(1)),
        new Attribute("mat1", new SavedTensors(1, false)), new Attribute("mat1_sym_sizes", ints(1, 2)),
        new Attribute("mat1_sym_strides", ints()), new Attribute("mat2", new NoneValue()),
        new Attribute("mat2_sym_sizes", ints(2, 1)), new Attribute("mat2_sym_strides", ints(1, 2)));

    assertThat(AttributeTable.label("AddmmBackward0", attributes, 50)).isEqualTo(
        "AddmmBackward0\n"
            + "--------------------------------\n"
            + "alpha           :              1\n"
            + "beta            :              1\n"
            + "mat1            : [saved tensor]\n"
            + "mat1_sym_sizes  :         (1, 2)\n"
            + "mat1_sym_strides:             ()\n"
            + "mat2            :           None\n"
            + "mat2_sym_sizes  :         (2, 1)\n"
            + "mat2_sym_strides:         (1, 2)");
  }

  @Test
  void ruleIsAtLeastAsLongAsTheName() {
    assertThat(AttributeTable.label("MaxPool2DWithIndicesBackward0",
        List.of(new Attribute("stride", ints())), 50))
        .isEqualTo("MaxPool2DWithIndicesBackward0\n-----------------------------\nstride: ()");
  }

  @Test
  void cutsLongValuesToMaxAttrCharsWithDots() {
    // Expected texts checked against torchviz's get_fn_name run in CPython.
    List<Attribute> attributes = List.of(new Attribute("sizes", ints(1, 2, 3, 4, 5, 6, 7, 8)),
        new Attribute("flag", new BoolValue(true)));

    assertThat(AttributeTable.label("F", attributes, 10))
        .isEqualTo("F\n-----------------\nsizes: (1, 2, ...\nflag :       True");
    // torchviz raises max_attr_chars below 3 to 3.
    assertThat(AttributeTable.label("F", attributes, 0)).isEqualTo("F\n----------\nsizes: ...\nflag : ...");
  }

  @Test
  void valuesPrintAsPythonPrintsThem() {
    assertThat(ints(16).pythonText()).isEqualTo("(16,)");
    assertThat(new FloatValue(1e-5).pythonText()).isEqualTo("1e-05");
    assertThat(new BoolValue(false).pythonText()).isEqualTo("False");
    assertThat(new TextValue("tanh").pythonText()).isEqualTo("tanh");
    assertThat(new SavedTensors(2, true).pythonText()).isEqualTo("[saved tensors]");
    assertThat(new Unknown().pythonText()).isEqualTo("?");
    assertThat(new IntValue(new BigInteger("18446744073709551615")).pythonText()).isEqualTo("18446744073709551615");
  }

  @Test
  void functionWithoutAttributesKeepsItsBareName() {
    assertThat(AttributeTable.label("TBackward0", List.of(), 50)).isEqualTo("TBackward0");
  }
}
