package io.github.torchviz4j.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * JSON through Jackson, with strings escaped so that the result is also safe inside an HTML
 * {@code <script>} element, and numbers without exponents or locale. Stateless.
 *
 * <p>Besides what JSON requires ({@code "}, {@code \}, control characters), it escapes {@code <},
 * {@code >}, {@code &}, DEL, U+2028 and U+2029 as {@code \u003c}-style escapes, and unpaired
 * surrogates, which UTF-8 cannot carry, likewise. The text means the same to any JSON parser;
 * only its bytes differ.
 */
public final class Json {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
      .build();
  private static final CharacterEscapes ESCAPES = new ScriptSafe();

  private Json() {}

  /**
   * A generator writing to {@code out}, with this class's escaping.
   *
   * @param out where the JSON text goes; unpaired surrogates are escaped on the way
   * @return the generator; closing it flushes but does not close {@code out}'s target
   * @throws UncheckedIOException if the generator cannot be created
   */
  public static JsonGenerator generator(Appendable out) {
    try {
      JsonGenerator generator = FACTORY.createGenerator(new SurrogateEscaping(out));
      generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      generator.setCharacterEscapes(ESCAPES);
      return generator;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a JSON generator", e);
    }
  }

  /**
   * Appends a JSON string literal, quotes included.
   *
   * @param text any text, user data included
   * @param out where the literal goes
   */
  public static void string(String text, StringBuilder out) {
    try (JsonGenerator generator = generator(out)) {
      generator.writeString(text);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
  }

  /**
   * A JSON string literal.
   *
   * @param text any text
   * @return the literal, quotes included
   */
  public static String string(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    string(text, out);
    return out.toString();
  }

  private static String unicodeEscape(int c) {
    return String.format("\\u%04x", c);
  }

  /** JSON's escapes plus {@code < > &}, DEL, U+2028, U+2029; {@code \b} and {@code \f} as {@code \}u escapes. */
  private static final class ScriptSafe extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final SerializedString LINE_SEPARATOR = new SerializedString(unicodeEscape(0x2028));
    private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString(unicodeEscape(0x2029));
    private final int[] ascii;

    ScriptSafe() {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      for (char c : new char[] {'<', '>', '&', '\b', '\f', 0x7f}) {
        ascii[c] = CharacterEscapes.ESCAPE_STANDARD;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == 0x2028 ? LINE_SEPARATOR : ch == 0x2029 ? PARAGRAPH_SEPARATOR : null;
    }
  }

  /**
   * Passes text on, writing each unpaired surrogate as a {@code \}u escape: Jackson writes
   * surrogates as they come, and outside a pair they have no UTF-8 form. JSON's structure is
   * ASCII, so a surrogate is always inside a string literal, where the escape means the same.
   */
  private static final class SurrogateEscaping extends Writer {
    private final Appendable out;
    private char pendingHigh;

    SurrogateEscaping(Appendable out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      for (int i = offset; i < offset + length; i++) {
        write(chars[i]);
      }
    }

    @Override
    public void write(int c) throws IOException {
      char ch = (char) c;
      if (pendingHigh != 0) {
        char high = pendingHigh;
        pendingHigh = 0;
        if (Character.isLowSurrogate(ch)) {
          out.append(high).append(ch);
          return;
        }
        out.append(unicodeEscape(high));
      }
      if (Character.isHighSurrogate(ch)) {
        pendingHigh = ch;
      } else if (Character.isLowSurrogate(ch)) {
        out.append(unicodeEscape(ch));
      } else {
        out.append(ch);
      }
    }

    @Override
    public void flush() throws IOException {
      if (pendingHigh != 0) {
        out.append(unicodeEscape(pendingHigh));
        pendingHigh = 0;
      }
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
