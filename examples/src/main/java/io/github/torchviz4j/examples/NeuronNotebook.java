package io.github.torchviz4j.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.jupyter.Torchviz4jExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;
import jdk.jshell.execution.LocalExecutionControlProvider;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code examples/notebooks/neuron.ipynb}: the seed tutorial page, cell by cell, as a JJava
 * notebook, with the outputs the cells really produce.
 *
 * <p>No Jupyter is needed: the code cells run in JShell, the engine the JJava kernel is built on,
 * exactly as written in the notebook (the {@code %maven} magic lines are skipped, the class path
 * already holds those artifacts). A cell's standard output becomes a {@code stream} output; a cell
 * ending in an expression gets an {@code execute_result} holding the MIME bundle that
 * jjava-jupyter's {@link Renderer} makes of the value with {@link Torchviz4jExtension} registered,
 * as the kernel does: the digraph's SVG, PNG and text.
 *
 * <p>Run it with {@code examples/run.sh NeuronNotebook examples/notebooks} from the repository
 * root. It fails, writing nothing, if a cell does not compile or throws.
 */
public final class NeuronNotebook {
  /** The artifacts the notebook asks JJava for. */
  static final String VERSION = "0.1.0-SNAPSHOT";

  private static final String VALUE_KEY = "torchviz4j.notebook.value";

  private NeuronNotebook() {}

  /** A notebook cell: markdown, or code to run. */
  record Cell(boolean code, String source) {
    static Cell markdown(String source) {
      return new Cell(false, source);
    }

    static Cell code(String source) {
      return new Cell(true, source);
    }
  }

  /** The seed page, cell by cell. */
  static List<Cell> cells() {
    return List.of(
        Cell.markdown("""
            # 動的な計算グラフの可視化 `TorchViz.makeDot` (Java)

            The seed tutorial page (*torchviz.make_dot*), cell by cell, in Java with the
            [JJava](https://github.com/dflib/jjava) kernel and [torchviz4j](../../README.md):
            the same one-neuron network on real libtorch, the same picture under the last cell.

            元のページ (torchviz.make_dot) を Java で一つずつ再現したノートブックです。"""),
        Cell.markdown("""
            ### 書式 / Setup

            `!pip install torchviz` の代わりに、`%maven` でライブラリを追加します（初回のみダウンロード）。
            `torchviz4j-jupyter` があると、`Digraph` がセルの値になったときに図がセルの下に表示されます。
            Instead of `pip install torchviz`, add the libraries with `%maven`; `torchviz4j-jupyter` makes a
            `Digraph` show itself as a picture under the cell."""),
        Cell.code("%maven io.github.torchviz4j:torchviz4j-pytorch:" + VERSION + "\n"
            + "%maven io.github.torchviz4j:torchviz4j-jupyter:" + VERSION),
        Cell.markdown("""
            ### 例 / Example

            1つのニューロンの定義 (one neuron: `Linear(2, 1)` and tanh)"""),
        Cell.code("""
            import io.github.torchviz4j.Digraph;
            import io.github.torchviz4j.pytorch.TorchViz;
            import org.bytedeco.pytorch.LinearImpl;
            import org.bytedeco.pytorch.Module;
            import org.bytedeco.pytorch.NoGradGuard;
            import org.bytedeco.pytorch.Tensor;
            import org.bytedeco.pytorch.global.torch;"""),
        Cell.code("""
            /** 順伝播モデルの定義 (the forward model) */
            class NeuralNetwork extends Module {
                // 第一層の定義: 全結合層、入力のデータ数 2、出力のニューロン数 1
                final LinearImpl layer1 = register_module("layer1", new LinearImpl(2, 1));

                Tensor forward(Tensor input) {
                    // 「出力＝活性化関数（第n層（入力））」の形式で記述する (activation: tanh)
                    return torch.tanh(layer1.forward(input));
                }
            }

            // モデルのインスタンス化
            NeuralNetwork model = new NeuralNetwork();"""),
        Cell.code("""
            // パラメータの初期設定: 重み [[0.6, -0.2]] とバイアス [0.8]
            try (NoGradGuard noGrad = new NoGradGuard()) {
                model.layer1.weight().copy_(Tensor.create(new float[] {0.6f, -0.2f}, 1, 2));
                model.layer1.bias().copy_(Tensor.create(new float[] {0.8f}, 1));
            }"""),
        Cell.code("""
            // 順伝播の実行
            Tensor xTrain = Tensor.create(new float[] {1, 2}, 1, 2);   // 入力データ
            Tensor yPred = model.forward(xTrain);                      // データを入力し、予測結果を取得
            System.out.println(String.format("y_pred = tensor([[%.4f]], grad_fn=<%s>)",
                yPred.item_float(), yPred.grad_fn().name().getString().replaceAll(".*::", "")));"""),
        Cell.code("TorchViz.makeDot(yPred, model.named_parameters())"),
        Cell.markdown("""
            ### 説明 / What the boxes mean

            - 青色のボックス (blue): 勾配を計算する必要がある、重みやバイアスなどのパラメーター。
              この例では `layer1.weight (1, 2)` が重みで、`layer1.bias (1)` がバイアス。
              Leaf tensors that need gradients: the parameters, with name and shape.
            - 灰色のボックス (gray): 勾配（偏微分）などを計算するための関数。テンソルの `grad_fn`
              （この例では `TBackward0` や `AddmmBackward0`）に自動作成されている。バックプロパゲーション
              （逆伝播）による学習の際に利用される。`AccumulateGrad` はパラメーターの `.grad` に勾配を加える。
              Backward functions found through `grad_fn`, used by backpropagation.
            - 緑色のボックス (green): グラフ計算の開始点。`backward()` メソッドを呼び出すと、ここから逆順に
              計算していく。The output, where `backward()` starts.

            `display(dot)` shows a digraph from anywhere in a cell; `display(dot, "image/png")` only the
            PNG; `dot.source()` is the DOT text, as torchviz's `dot.source`."""));
  }

  /**
   * Runs the cells and writes {@code neuron.ipynb}.
   *
   * @param args the output directory (default: the current directory)
   * @throws IOException if the notebook cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : ".");
    Path notebook = directory.resolve("neuron.ipynb");
    String json = notebook(run(cells()));
    Path temporary = directory.resolve(".neuron.ipynb.tmp");
    try {
      Files.writeString(temporary, json, StandardCharsets.UTF_8);
      Files.move(temporary, notebook, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
    System.out.println("wrote " + notebook);
  }

  /**
   * The MIME bundle of a cell's value, as JJava's renderer makes it with the torchviz4j extension
   * installed. JShell calls it on each cell's value; the bundle holds only JDK types so that it can
   * cross class loaders.
   *
   * @param value the cell's value
   * @return MIME type to data
   */
  public static Map<String, Object> bundle(Object value) {
    Renderer renderer = new Renderer();
    Torchviz4jExtension.register(renderer);
    DisplayData data = renderer.render(value);
    Map<String, Object> bundle = new LinkedHashMap<>();
    for (String type : List.of(Torchviz4jExtension.SVG, Torchviz4jExtension.PNG, Torchviz4jExtension.TEXT)) {
      Object rendered = data.getData(MIMEType.parse(type));
      if (rendered != null) {
        bundle.put(type, rendered.toString());
      }
    }
    return bundle;
  }

  /** What a code cell printed and the bundle of its value, if it ended in an expression. */
  record Output(String stdout, @Nullable Map<String, Object> value) {}

  static List<@Nullable Output> run(List<Cell> cells) {
    List<@Nullable Output> outputs = new ArrayList<>();
    PrintStream console = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    // Read before JShell starts: local execution makes its own loader the thread's context loader.
    Set<String> classPath = classPath();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    try (JShell shell = JShell.builder().executionEngine(new LocalExecutionControlProvider(), Map.of()).build()) {
      classPath.forEach(shell::addToClasspath);
      for (Cell cell : cells) {
        if (!cell.code()) {
          outputs.add(null);
          continue;
        }
        captured.reset();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Map<String, Object> value;
        try {
          value = runCell(shell, cell.source());
        } finally {
          System.setOut(console);
        }
        outputs.add(new Output(captured.toString(StandardCharsets.UTF_8), value));
      }
    } finally {
      Thread.currentThread().setContextClassLoader(context);
    }
    return outputs;
  }

  /** Runs a cell snippet by snippet, as JJava does; returns the bundle of its last expression. */
  @SuppressWarnings("unchecked")
  private static @Nullable Map<String, Object> runCell(JShell shell, String source) {
    String remaining = source.lines().filter(line -> !line.startsWith("%")).reduce("", (a, b) -> a + b + "\n");
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    Snippet last = null;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
      last = eval(shell, info.source());
      remaining = info.remaining();
    }
    if (last instanceof VarSnippet variable && variable.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
      eval(shell, "System.getProperties().put(\"" + VALUE_KEY + "\", "
          + NeuronNotebook.class.getName() + ".bundle(" + variable.name() + "));");
      return (Map<String, Object>) System.getProperties().remove(VALUE_KEY);
    }
    return null;
  }

  private static @Nullable Snippet eval(JShell shell, String snippet) {
    Snippet last = null;
    for (SnippetEvent event : shell.eval(snippet)) {
      if (event.exception() != null) {
        throw new Torchviz4jException("cell snippet failed: " + snippet.strip() + ": " + event.exception(),
            event.exception());
      }
      if (event.status() == Snippet.Status.REJECTED) {
        String problems = shell.diagnostics(event.snippet())
            .map(d -> d.getMessage(java.util.Locale.ROOT)).reduce("", (a, b) -> a + " " + b);
        throw new Torchviz4jException("cell snippet does not compile: " + snippet.strip() + ":" + problems);
      }
      if (event.causeSnippet() == null) {
        last = event.snippet();
      }
    }
    return last;
  }

  /** The class path this program runs with: Maven's exec:java class loader, or java.class.path. */
  private static Set<String> classPath() {
    Set<String> entries = new LinkedHashSet<>();
    if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader) {
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException e) {
          throw new Torchviz4jException("cannot read class path entry " + url, e);
        }
      }
    }
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** The notebook as nbformat 4.5 JSON, one-space indented as Jupyter writes it. */
  static String notebook(List<@Nullable Output> outputs) {
    List<Cell> cells = cells();
    List<Object> jsonCells = new ArrayList<>();
    int executionCount = 0;
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("cell_type", cell.code() ? "code" : "markdown");
      if (cell.code()) {
        executionCount++;
        Output output = outputs.get(i);
        json.put("execution_count", executionCount);
        json.put("id", "cell-" + (i + 1));
        json.put("metadata", Map.of());
        List<Object> cellOutputs = new ArrayList<>();
        if (output != null && !output.stdout().isEmpty()) {
          Map<String, Object> stream = new LinkedHashMap<>();
          stream.put("name", "stdout");
          stream.put("output_type", "stream");
          stream.put("text", lines(output.stdout()));
          cellOutputs.add(stream);
        }
        if (output != null && output.value() != null) {
          Map<String, Object> data = new LinkedHashMap<>();
          output.value().forEach((type, value) -> data.put(type,
              type.equals(Torchviz4jExtension.PNG) ? value : lines(value.toString())));
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("data", data);
          result.put("execution_count", executionCount);
          result.put("metadata", Map.of());
          result.put("output_type", "execute_result");
          cellOutputs.add(result);
        }
        json.put("outputs", cellOutputs);
      } else {
        json.put("id", "cell-" + (i + 1));
        json.put("metadata", Map.of());
      }
      json.put("source", lines(cell.source()));
      jsonCells.add(json);
    }
    Map<String, Object> kernelspec = new LinkedHashMap<>();
    kernelspec.put("display_name", "Java");
    kernelspec.put("language", "java");
    kernelspec.put("name", "java");
    Map<String, Object> languageInfo = new LinkedHashMap<>();
    languageInfo.put("codemirror_mode", "java");
    languageInfo.put("file_extension", ".jshell");
    languageInfo.put("mimetype", "text/x-java-source");
    languageInfo.put("name", "Java");
    languageInfo.put("pygments_lexer", "java");
    languageInfo.put("version", Runtime.version().feature() + "");
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("kernelspec", kernelspec);
    metadata.put("language_info", languageInfo);
    metadata.put("torchviz4j", Map.of("generated_by",
        "examples/run.sh NeuronNotebook examples/notebooks (io.github.torchviz4j.examples.NeuronNotebook)"));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("cells", jsonCells);
    root.put("metadata", metadata);
    root.put("nbformat", 4);
    root.put("nbformat_minor", 5);
    try {
      return nbformat().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the notebook as JSON: " + e.getMessage(), e);
    }
  }

  /** Splits text into lines that keep their newlines, as nbformat stores multi-line strings. */
  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /**
   * Jupyter's own layout of a notebook: one-space indent, {@code "key": value}, keys sorted,
   * {@code {}} and {@code []} for empty containers.
   */
  private static ObjectWriter nbformat() {
    DefaultIndenter indenter = new DefaultIndenter(" ", "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
    return new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).writer(printer);
  }
}
