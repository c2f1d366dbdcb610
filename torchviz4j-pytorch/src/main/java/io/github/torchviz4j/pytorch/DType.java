package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.Torchviz4jException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** The element types an input tensor can be made of, named as PyTorch names them. */
public enum DType {
  /** {@code torch.float32}, the default. */
  FLOAT32(ScalarType.Float, "float32", "float", "f32"),
  /** {@code torch.float64}. */
  FLOAT64(ScalarType.Double, "float64", "double", "f64"),
  /** {@code torch.float16}. */
  FLOAT16(ScalarType.Half, "float16", "half", "f16"),
  /** {@code torch.bfloat16}. */
  BFLOAT16(ScalarType.BFloat16, "bfloat16", "bf16"),
  /** {@code torch.int64}, PyTorch's default integer type (token ids, indices). */
  INT64(ScalarType.Long, "int64", "long", "i64"),
  /** {@code torch.int32}. */
  INT32(ScalarType.Int, "int32", "int", "i32"),
  /** {@code torch.int16}. */
  INT16(ScalarType.Short, "int16", "short", "i16"),
  /** {@code torch.int8}. */
  INT8(ScalarType.Char, "int8", "i8"),
  /** {@code torch.uint8}. */
  UINT8(ScalarType.Byte, "uint8", "byte", "u8"),
  /** {@code torch.bool}. */
  BOOL(ScalarType.Bool, "bool");

  private final ScalarType scalarType;
  private final List<String> names;

  DType(ScalarType scalarType, String... names) {
    this.scalarType = scalarType;
    this.names = List.of(names);
  }

  /** @return PyTorch's name without the {@code torch.} prefix, e.g. {@code int64} */
  public String pytorchName() {
    return names.get(0);
  }

  /** @return whether values are floating point */
  public boolean isFloatingPoint() {
    return this == FLOAT32 || this == FLOAT64 || this == FLOAT16 || this == BFLOAT16;
  }

  ScalarType scalarType() {
    return scalarType;
  }

  /**
   * The type a name stands for.
   *
   * @param name e.g. {@code int64}, {@code long}, {@code torch.float32}; case-insensitive
   * @return the type
   * @throws Torchviz4jException if the name is unknown
   */
  public static DType parse(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT).replaceFirst("^torch\\.", "");
    return Arrays.stream(values())
        .filter(type -> type.names.contains(key))
        .findFirst()
        .orElseThrow(() -> new Torchviz4jException("unknown dtype '" + name + "'; use one of "
            + Arrays.stream(values()).map(DType::pytorchName).collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return pytorchName();
  }
}
