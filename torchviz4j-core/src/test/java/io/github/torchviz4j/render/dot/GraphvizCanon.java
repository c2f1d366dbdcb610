package io.github.torchviz4j.render.dot;

import io.github.torchviz4j.ExternalProgram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Runs Graphviz's {@code dot -Tcanon} on DOT text and reads back what Graphviz understood: the
 * attributes of every node statement, as Graphviz stores them (quotes unescaped, line
 * continuations dropped), and label text as Graphviz draws it ({@link #labelText}).
 */
final class GraphvizCanon {
  private GraphvizCanon() {}

  /** What dot printed. */
  record Result(int exitCode, String canon, String errors) {}

  /**
   * The dot program on the {@code PATH}.
   *
   * @return its path
   * @throws org.opentest4j.TestAbortedException if Graphviz is not installed (the test is skipped
   *     with a reason), or an {@link AssertionError} when programs are required (CI)
   */
  static Path dot() {
    String caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
        .filter(frame -> frame.getDeclaringClass() != GraphvizCanon.class)
        .findFirst()
        .map(frame -> frame.getDeclaringClass().getSimpleName() + "." + frame.getMethodName())
        .orElse("GraphvizCanon"));
    return ExternalProgram.DOT.require(caller);
  }

  /**
   * For jqwik properties and examples that run {@code dot}: skips them with the reason when it is
   * missing, unless programs are required (then {@link #dot()} fails them).
   */
  static final class NeedsDot implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      if (ExternalProgram.DOT.find().isPresent() || ExternalProgram.required()) {
        return SkipResult.doNotSkip();
      }
      String reason = ExternalProgram.DOT.missing() + "; CI=true or -D" + ExternalProgram.REQUIRE_PROPERTY
          + "=true makes this a failure";
      System.err.println("SKIPPED " + context.label() + ": " + reason);
      return SkipResult.skip(reason);
    }
  }

  /**
   * Runs {@code dot -Kneato -Tcanon}.
   *
   * @param source DOT text
   * @return exit code, standard output (strict UTF-8) and standard error
   */
  static Result run(String source) {
    try {
      // neato: dot's own layout refuses nodes wider than 65,535 pt side by side ("Edge length ...
      // larger than maximum"), a layout limit that 10,000-char names reach; parsing is the same.
      Process process = new ProcessBuilder(dot().toString(), "-Kneato", "-Tcanon").start();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      try (var stdin = process.getOutputStream()) {
        stdin.write(source.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("dot -Tcanon did not finish within 60 s");
      }
      return new Result(process.exitValue(), strictUtf8(out.join()), new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in; ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      in.transferTo(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("dot printed invalid UTF-8", e);
    }
  }

  /**
   * The attributes of every node statement in canonical DOT, by node id.
   *
   * @param canon {@code dot -Tcanon} output
   * @return node id to attribute name to value, as Graphviz stores them
   */
  static Map<String, Map<String, String>> nodeAttributes(String canon) {
    List<Token> tokens = tokens(canon);
    Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
    List<Token> statement = new ArrayList<>();
    for (Token token : tokens) {
      if (!token.quoted() && (token.text().equals(";") || token.text().equals("{") || token.text().equals("}"))) {
        addNode(statement, nodes);
        statement.clear();
      } else {
        statement.add(token);
      }
    }
    return nodes;
  }

  private static void addNode(List<Token> statement, Map<String, Map<String, String>> nodes) {
    if (statement.size() < 2 || !statement.get(1).is("[")) {
      return;
    }
    Token id = statement.get(0);
    if (!id.quoted() && List.of("graph", "node", "edge").contains(id.text())) {
      return;
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 2; i + 2 < statement.size(); i += 4) {
      if (!statement.get(i + 1).is("=")) {
        throw new AssertionError("unexpected canonical DOT near " + statement.get(i));
      }
      attributes.put(statement.get(i).text(), statement.get(i + 2).text());
    }
    nodes.put(id.text(), attributes);
  }

  /** A token; {@code quoted} tells a quoted string from an ID or punctuation. */
  private record Token(String text, boolean quoted) {
    boolean is(String punctuation) {
      return !quoted && text.equals(punctuation);
    }
  }

  /** Splits DOT text into tokens, reading quoted strings as Graphviz's scanner does. */
  private static List<Token> tokens(String dot) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < dot.length()) {
      char c = dot.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
      } else if (c == '"') {
        StringBuilder text = new StringBuilder();
        i++;
        while (true) {
          if (i >= dot.length()) {
            throw new AssertionError("unterminated string in canonical DOT");
          }
          char d = dot.charAt(i);
          if (d == '"') {
            i++;
            break;
          }
          if (d == '\\' && i + 1 < dot.length()) {
            char next = dot.charAt(i + 1);
            if (next == '"') {
              text.append('"');
            } else if (next == '\\') {
              text.append("\\\\");
            } else if (next == '\n') {
              // a line continuation: dropped
            } else {
              text.append('\\').append(next);
            }
            i += 2;
          } else {
            text.append(d);
            i++;
          }
        }
        tokens.add(new Token(text.toString(), true));
      } else if (c == '<') {
        throw new AssertionError("canonical DOT holds an HTML-like string: a name was read as markup");
      } else if ("[]{},;=".indexOf(c) >= 0) {
        tokens.add(new Token(String.valueOf(c), false));
        i++;
      } else if (c == '-' && i + 1 < dot.length() && dot.charAt(i + 1) == '>') {
        tokens.add(new Token("->", false));
        i += 2;
      } else {
        int start = i;
        while (i < dot.length() && " \t\n\r\"[]{},;=<".indexOf(dot.charAt(i)) < 0
            && !(dot.charAt(i) == '-' && i + 1 < dot.length() && dot.charAt(i + 1) == '>')) {
          i++;
        }
        tokens.add(new Token(dot.substring(start, i), false));
      }
    }
    return tokens;
  }

  /**
   * The text Graphviz draws for a stored label: {@code \\} is one backslash, {@code \n} a
   * (centred) line break, as a raw newline. Any other escape ({@code \l}, {@code \N}...) would
   * be interpreted by Graphviz, so it means the writer let a name's backslash through unescaped.
   *
   * @param stored a label value as {@link #nodeAttributes} returns it
   * @return the drawn text
   * @throws AssertionError if the value holds an escape other than {@code \\}
   */
  static String labelText(String stored) {
    StringBuilder text = new StringBuilder(stored.length());
    for (int i = 0; i < stored.length(); i++) {
      char c = stored.charAt(i);
      if (c == '\\') {
        char next = i + 1 < stored.length() ? stored.charAt(i + 1) : 0;
        if (next != '\\' && next != 'n') {
          throw new AssertionError("label holds the Graphviz escape \\" + next + " at " + i
              + ": a backslash got through unescaped");
        }
        text.append(next == 'n' ? '\n' : '\\');
        i++;
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }
}
