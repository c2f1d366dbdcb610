package io.github.torchviz4j.pytorch.export;

import io.github.torchviz4j.Torchviz4jException;
import org.bytedeco.pytorch.global.torch.Layout;
import org.bytedeco.pytorch.global.torch.MemoryFormat;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The export schema's enum numbers ({@code torch/_export/serde/schema.py}) mapped to c10's: they
 * differ (serde {@code FLOAT = 7}, c10 {@code Float = 6}). Stateless.
 */
final class SerdeTypes {
  private SerdeTypes() {}

  /** One serde scalar type: its number, c10's type and PyTorch's name. */
  private enum Dtype {
    BYTE(1, ScalarType.Byte, "uint8"),
    CHAR(2, ScalarType.Char, "int8"),
    SHORT(3, ScalarType.Short, "int16"),
    INT(4, ScalarType.Int, "int32"),
    LONG(5, ScalarType.Long, "int64"),
    HALF(6, ScalarType.Half, "float16"),
    FLOAT(7, ScalarType.Float, "float32"),
    DOUBLE(8, ScalarType.Double, "float64"),
    COMPLEXHALF(9, ScalarType.ComplexHalf, "complex32"),
    COMPLEXFLOAT(10, ScalarType.ComplexFloat, "complex64"),
    COMPLEXDOUBLE(11, ScalarType.ComplexDouble, "complex128"),
    BOOL(12, ScalarType.Bool, "bool"),
    BFLOAT16(13, ScalarType.BFloat16, "bfloat16"),
    UINT16(28, ScalarType.UInt16, "uint16"),
    FLOAT8E4M3FN(29, ScalarType.Float8_e4m3fn, "float8_e4m3fn"),
    FLOAT8E5M2(30, ScalarType.Float8_e5m2, "float8_e5m2"),
    FLOAT8E4M3FNUZ(31, ScalarType.Float8_e4m3fnuz, "float8_e4m3fnuz"),
    FLOAT8E5M2FNUZ(32, ScalarType.Float8_e5m2fnuz, "float8_e5m2fnuz");

    final int serde;
    final ScalarType c10;
    final String name;

    Dtype(int serde, ScalarType c10, String name) {
      this.serde = serde;
      this.c10 = c10;
      this.name = name;
    }
  }

  private static Dtype dtype(int serde) {
    for (Dtype type : Dtype.values()) {
      if (type.serde == serde) {
        return type;
      }
    }
    throw new Torchviz4jException("unknown scalar type number " + serde + " in the exported program; it was"
        + " written by a PyTorch whose dtypes this reader does not know");
  }

  /**
   * @param serde a serde {@code ScalarType} number
   * @return c10's scalar type
   * @throws Torchviz4jException if the number is unknown
   */
  static ScalarType scalarType(int serde) {
    return dtype(serde).c10;
  }

  /**
   * @param serde a serde {@code ScalarType} number
   * @return PyTorch's name, e.g. {@code float32}; {@code dtype(N)} for an unknown number
   */
  static String dtypeName(int serde) {
    for (Dtype type : Dtype.values()) {
      if (type.serde == serde) {
        return type.name;
      }
    }
    return "dtype(" + serde + ")";
  }

  /**
   * @param type c10's scalar type
   * @return PyTorch's name, e.g. {@code float32}
   */
  static String dtypeName(ScalarType type) {
    for (Dtype known : Dtype.values()) {
      // The bindings hand out a new enum instance per call: compare the native values.
      if (known.c10.value == type.value) {
        return known.name;
      }
    }
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * @param serde a serde {@code Layout} number
   * @return c10's layout
   */
  static Layout layout(int serde) {
    return switch (serde) {
      case 1 -> Layout.Sparse;
      case 2 -> Layout.SparseCsr;
      case 3 -> Layout.SparseCsc;
      case 4 -> Layout.SparseBsr;
      case 5 -> Layout.SparseBsc;
      case 6 -> Layout.Mkldnn;
      case 7 -> Layout.Strided;
      default -> throw new Torchviz4jException("unknown layout number " + serde + " in the exported program");
    };
  }

  /**
   * @param serde a serde {@code MemoryFormat} number
   * @return c10's memory format
   */
  static MemoryFormat memoryFormat(int serde) {
    return switch (serde) {
      case 1 -> MemoryFormat.Contiguous;
      case 2 -> MemoryFormat.ChannelsLast;
      case 3 -> MemoryFormat.ChannelsLast3d;
      case 4 -> MemoryFormat.Preserve;
      default -> throw new Torchviz4jException("unknown memory format number " + serde + " in the exported program");
    };
  }
}
