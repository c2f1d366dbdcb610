package io.github.torchviz4j.pytorch.internal;

import io.github.torchviz4j.graph.Attribute;
import io.github.torchviz4j.graph.AttributeValue;
import io.github.torchviz4j.graph.AttributeValue.BoolValue;
import io.github.torchviz4j.graph.AttributeValue.FloatValue;
import io.github.torchviz4j.graph.AttributeValue.Freed;
import io.github.torchviz4j.graph.AttributeValue.IntValue;
import io.github.torchviz4j.graph.AttributeValue.NoneValue;
import io.github.torchviz4j.graph.AttributeValue.SavedTensors;
import io.github.torchviz4j.graph.AttributeValue.TextValue;
import io.github.torchviz4j.graph.AttributeValue.TupleValue;
import io.github.torchviz4j.graph.AttributeValue.Unknown;
import io.github.torchviz4j.pytorch.internal.SavedFields.Field;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;

/**
 * A backward function's saved attributes and tensors, as Python's {@code _saved_*} properties show
 * them, decoded from its {@link CompiledArgs} with the class's {@link SavedFields}.
 *
 * <p>Values are never guessed: when the key does not match the field table (another PyTorch
 * version), every value is {@link Unknown}; after {@code backward()} released the saved tensors,
 * values from the first saved tensor on are {@link Freed} (tensors) or {@link Unknown} (others),
 * and a list of saved tensors, which the release empties, is {@link Freed}. When {@code
 * compiled_args} fails for another reason (a saved tensor modified in place), the values it did
 * not reach are {@link Unknown}.
 *
 * @param attributes the Python-visible attributes, sorted by name as {@code dir()} lists them
 * @param tensors the saved tensors, in the same order, named as torchviz names them ({@code
 *     mat1}, {@code tensors[0]})
 */
record SavedState(List<Attribute> attributes, List<SavedTensor> tensors) {

  /** Types PyTorch's bindings expose as {@code _saved_*} properties; the others stay hidden. */
  private static final Set<String> VISIBLE_TYPES = Set.of(
      "SavedVariable", "std::vector<SavedVariable>", "std::vector<int64_t>", "std::vector<c10::SymInt>",
      "c10::OptionalArray<int64_t>", "c10::OptionalArray<c10::SymInt>", "c10::OptionalArray<double>",
      "int64_t", "c10::SymInt", "std::string", "std::optional<std::string>", "std::vector<at::Scalar>",
      "std::optional<int64_t>", "std::optional<c10::SymInt>", "double", "std::optional<double>", "bool",
      "at::Scalar", "std::optional<at::Scalar>");
  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
  private static final int SCALAR_LONG = 4;
  private static final int SCALAR_DOUBLE = 7;
  private static final int SCALAR_COMPLEX_DOUBLE = 10;
  private static final int SCALAR_BOOL = 11;

  /**
   * A saved tensor.
   *
   * @param name torchviz's name for it
   * @param tensor the tensor, or empty when {@code backward()} freed it
   */
  record SavedTensor(String name, Optional<Tensor> tensor) {}

  /** One field's decoded value and the key ids of the tensors it holds (0 = undefined). */
  private record Decoded(AttributeValue value, List<Long> tensorIds) {
    static Decoded of(AttributeValue value) {
      return new Decoded(value, List.of());
    }
  }

  /** The key disagrees with the field table: nothing read from it can be trusted. */
  private static final class Mismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Mismatch() {
      super(null, null, false, false);
    }
  }

  /** No attributes and no tensors: what functions outside the field table show. */
  static final SavedState NONE = new SavedState(List.of(), List.of());

  static SavedState read(List<Field> fields, CompiledArgs args) {
    List<Decoded> decoded = new ArrayList<>();
    KeyReader reader = new KeyReader(args.key(), args.sizes());
    boolean trusted = true;
    try {
      for (Field field : fields) {
        decoded.add(decode(field.type(), reader));
      }
      trusted = reader.atEnd() && args.complete();
    } catch (KeyReader.Exhausted e) {
      trusted = !args.complete();
    } catch (Mismatch e) {
      trusted = false;
    }
    if (!trusted) {
      decoded.clear();
    }
    return assemble(fields, decoded, args);
  }

  private static SavedState assemble(List<Field> fields, List<Decoded> decoded, CompiledArgs args) {
    List<Attribute> attributes = new ArrayList<>();
    List<SavedTensor> tensors = new ArrayList<>();
    List<Field> visible = fields.stream()
        .filter(SavedState::isVisible)
        .sorted(Comparator.comparing(Field::pythonName))
        .toList();
    for (Field field : visible) {
      int index = fields.indexOf(field);
      Decoded value = index < decoded.size() ? decoded.get(index) : missing(field, args);
      attributes.add(new Attribute(field.pythonName(), value.value()));
      addTensors(field, value, args, tensors);
    }
    return new SavedState(attributes, tensors);
  }

  /** @return whether Python shows the field as a {@code _saved_*} property, which torchviz lists */
  static boolean isVisible(Field field) {
    return VISIBLE_TYPES.contains(normalise(field.type()));
  }

  /** @return the type with {@code ::std::} spelled {@code std::} and no leading {@code ::} */
  static String normalisedType(Field field) {
    return normalise(field.type());
  }

  /** A field the key did not reach: freed if libtorch gave up on released tensors, else unknown. */
  private static Decoded missing(Field field, CompiledArgs args) {
    return Decoded.of(field.isTensor() && args.freed() ? new Freed() : new Unknown());
  }

  private static void addTensors(Field field, Decoded value, CompiledArgs args, List<SavedTensor> out) {
    if (value.value() instanceof Freed) {
      out.add(new SavedTensor(field.pythonName(), Optional.empty()));
      return;
    }
    boolean list = field.type().startsWith("std::vector");
    for (int i = 0; i < value.tensorIds().size(); i++) {
      long id = value.tensorIds().get(i);
      if (id > 0) {
        String name = list ? field.pythonName() + "[" + i + "]" : field.pythonName();
        out.add(new SavedTensor(name, Optional.of(args.tensors().get((int) id - 1))));
      }
    }
  }

  /** Spells {@code ::std::x} as {@code std::x}, as the table mixes both. */
  private static String normalise(String type) {
    String unqualified = type.replace("::std::", "std::");
    return unqualified.startsWith("::") ? unqualified.substring(2) : unqualified;
  }

  private static Decoded decode(String cppType, KeyReader reader) {
    String type = normalise(cppType);
    switch (type) {
      case "SavedVariable":
        return savedTensor(reader);
      case "std::vector<SavedVariable>":
        return savedTensorList(reader);
      case "bool":
        return Decoded.of(new BoolValue(reader.bool()));
      case "int64_t":
        return Decoded.of(unsigned(reader.int64()));
      case "c10::SymInt":
        return Decoded.of(unsigned(reader.symInt()));
      case "double":
        return Decoded.of(new FloatValue(reader.float64()));
      case "at::Scalar":
        return Decoded.of(scalar(reader));
      case "std::string":
        return Decoded.of(new TextValue(text(reader)));
      case "at::ScalarType":
      case "at::Layout":
      case "at::MemoryFormat":
        reader.skip(1);
        return Decoded.of(new Unknown());
      case "at::TensorOptions":
        tensorOptions(reader);
        return Decoded.of(new Unknown());
      case "torch::autograd::generated::TypeAndSize":
        decode("std::vector<c10::SymInt>", reader);
        tensorOptions(reader);
        return Decoded.of(new Unknown());
      case "at::TensorGeometry":
        decode("std::vector<c10::SymInt>", reader);
        decode("std::vector<c10::SymInt>", reader);
        reader.symInt();
        return Decoded.of(new Unknown());
      default:
        return generic(type, reader);
    }
  }

  private static Decoded generic(String type, KeyReader reader) {
    if (type.startsWith("std::vector<") && type.endsWith(">")) {
      String item = type.substring("std::vector<".length(), type.length() - 1);
      long count = reader.length();
      List<AttributeValue> items = new ArrayList<>();
      for (long i = 0; i < count; i++) {
        items.add(decode(item, reader).value());
      }
      return Decoded.of(new TupleValue(items));
    }
    if (type.startsWith("c10::OptionalArray<") && type.endsWith(">")) {
      String item = type.substring("c10::OptionalArray<".length(), type.length() - 1);
      return reader.bool() ? decode("std::vector<" + item + ">", reader) : Decoded.of(new NoneValue());
    }
    if (type.startsWith("std::optional<") && type.endsWith(">")) {
      String item = type.substring("std::optional<".length(), type.length() - 1);
      return reader.bool() ? decode(item, reader) : Decoded.of(new NoneValue());
    }
    throw new Mismatch();
  }

  /** A TensorArg: its id, then device, dtype and requires_grad when defined. */
  private static Decoded savedTensor(KeyReader reader) {
    long id = readTensorId(reader);
    return new Decoded(id == 0 ? new NoneValue() : new SavedTensors(1, false), List.of(id));
  }

  /**
   * A list of saved tensors. Releasing the saved tensors clears the list, and no operation saves
   * an empty one (its tensors are the operation's inputs, e.g. {@code index}'s indices), so an
   * empty list was released.
   */
  private static Decoded savedTensorList(KeyReader reader) {
    long count = reader.length();
    if (count == 0) {
      return Decoded.of(new Freed());
    }
    List<Long> ids = new ArrayList<>();
    List<AttributeValue> items = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      long id = readTensorId(reader);
      ids.add(id);
      items.add(new NoneValue());
    }
    boolean anyTensor = ids.stream().anyMatch(id -> id != 0);
    return new Decoded(anyTensor ? new SavedTensors(ids.size(), true) : new TupleValue(items), ids);
  }

  private static long readTensorId(KeyReader reader) {
    long id = reader.length();
    if (id != 0) {
      reader.skip(2 + 8 + 1);
    }
    return id;
  }

  private static void tensorOptions(KeyReader reader) {
    reader.skip(2 + 8 + 1 + 1 + 1);
    if (reader.bool()) {
      reader.skip(1);
    }
  }

  /**
   * A {@code std::string}: its length, then each {@code char}, which no {@code collect} overload
   * takes as is, so it is promoted to {@code int} and written as 4 bytes.
   */
  private static String text(KeyReader reader) {
    long length = reader.length();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (long i = 0; i < length; i++) {
      bytes.write(reader.int32());
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static AttributeValue scalar(KeyReader reader) {
    int type = reader.u8();
    switch (type) {
      case SCALAR_LONG:
        return new IntValue(BigInteger.valueOf(reader.int64()));
      case SCALAR_DOUBLE:
        return new FloatValue(reader.float64());
      case SCALAR_BOOL:
        return new BoolValue(reader.bool());
      case SCALAR_COMPLEX_DOUBLE:
        reader.skip(16);
        return new Unknown();
      default:
        throw new Mismatch();
    }
  }

  /** PyTorch's bindings return int64_t and SymInt values through PyLong_FromUnsignedLong. */
  private static IntValue unsigned(long value) {
    BigInteger big = BigInteger.valueOf(value);
    return new IntValue(value < 0 ? big.add(TWO_TO_64) : big);
  }
}
