package io.github.torchviz4j.pytorch.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a {@code compiled_args} specialization key and its size inputs, value by value, in the
 * encodings of libtorch's {@code CompiledNodeArgs}: fixed-width little-endian numbers, one-byte
 * enums, and lengths in 1, 3, 5 or 9 bytes ({@code collect_size}). Single use.
 */
final class KeyReader {
  private static final int LENGTH_IN_U16 = 253;
  private static final int LENGTH_IN_U32 = 254;

  /** Thrown when the key or the size inputs end before a value does. */
  static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted() {
      super(null, null, false, false);
    }
  }

  private final ByteBuffer key;
  private final long[] sizes;
  private int nextSize;

  KeyReader(byte[] key, long[] sizes) {
    this.key = ByteBuffer.wrap(key).order(ByteOrder.LITTLE_ENDIAN);
    this.sizes = sizes;
  }

  boolean atEnd() {
    return !key.hasRemaining() && nextSize == sizes.length;
  }

  int u8() {
    require(1);
    return Byte.toUnsignedInt(key.get());
  }

  boolean bool() {
    return u8() != 0;
  }

  int int32() {
    require(4);
    return key.getInt();
  }

  long int64() {
    require(8);
    return key.getLong();
  }

  double float64() {
    require(8);
    return key.getDouble();
  }

  /** A length or id written by {@code collect_size}. */
  long length() {
    int first = u8();
    if (first < LENGTH_IN_U16) {
      return first;
    }
    if (first == LENGTH_IN_U16) {
      require(2);
      return Short.toUnsignedInt(key.getShort());
    }
    if (first == LENGTH_IN_U32) {
      require(4);
      return Integer.toUnsignedLong(key.getInt());
    }
    return int64();
  }

  void skip(int bytes) {
    require(bytes);
    key.position(key.position() + bytes);
  }

  /** A {@code SymInt}: not in the key but the next size input. */
  long symInt() {
    if (nextSize >= sizes.length) {
      throw new Exhausted();
    }
    return sizes[nextSize++];
  }

  private void require(int bytes) {
    if (key.remaining() < bytes) {
      throw new Exhausted();
    }
  }
}
