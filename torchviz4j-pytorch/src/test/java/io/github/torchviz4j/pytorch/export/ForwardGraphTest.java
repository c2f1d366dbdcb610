package io.github.torchviz4j.pytorch.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.graph.Attribute;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.render.Format;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forward graph of an exported program: what Netron shows, in every writer, without libtorch. */
class ForwardGraphTest {
  @TempDir Path dir;

  private static Graph forward(String caseName) throws Exception {
    try (ExportedProgram program = ExportedProgram.load(ExportedProgramFidelityTest.Pt2Files.model(caseName))) {
      return program.forwardGraph();
    }
  }

  private static Node op(Graph graph, String name) {
    return graph.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void oneNodePerOpWithOutputShapeAndDtype() throws Exception {
    Graph graph = forward("mha");

    assertThat(graph.nodes().stream().filter(n -> n.kind() == NodeKind.FUNCTION)).hasSize(30);
    assertThat(op(graph, "aten.linear").attributes()).extracting(Attribute::name).containsExactly("out");
    assertThat(op(graph, "aten.linear").attributes().get(0).value().pythonText()).isEqualTo("float32 (6, 2, 48)");
    assertThat(op(graph, "aten.layer_norm").attributes()).extracting(a -> a.name() + "=" + a.value().pythonText())
        .containsExactly("normalized_shape=[16]", "eps=1e-05", "cudnn_enable=False", "out=float32 (2, 6, 16)");
  }

  @Test
  void inputsAreMarkedByKindAndOutputsAreGreenTensors() throws Exception {
    Graph graph = forward("shufflenet_v2_x0_5");

    List<String> tensors = graph.nodes().stream().filter(n -> n.kind() == NodeKind.TENSOR).map(Node::label).toList();
    assertThat(tensors).contains("parameter conv1.0.weight float32\n (24, 3, 3, 3)",
        "buffer conv1.1.running_mean float32\n (24)", "buffer conv1.1.num_batches_tracked int64\n ()",
        "input x float32\n (2, 3, 224, 224)", "output linear float32\n (2, 1000)");
    assertThat(graph.outputs()).hasSize(1);
    assertThat(graph.incoming(graph.outputs().get(0))).singleElement()
        .satisfies(e -> assertThat(e.kind()).isEqualTo(EdgeKind.OUTPUT))
        .satisfies(e -> assertThat(graph.node(e.tail()).name()).isEqualTo("aten.linear"));
  }

  @Test
  void clustersComeFromTheModuleStack() throws Exception {
    Graph graph = forward("shufflenet_v2_x0_5");

    assertThat(op(graph, "aten.max_pool2d").modulePath()).isEqualTo("maxpool");
    assertThat(graph.nodes().stream().filter(n -> n.label().startsWith("parameter conv1.0.weight")))
        .singleElement().extracting(Node::modulePath).isEqualTo("conv1.0");
    assertThat(graph.moduleClassName("stage2.0")).isEqualTo("InvertedResidual");
    assertThat(graph.moduleClassName("conv1.1")).isEqualTo("BatchNorm2d");
  }

  @Test
  void afterARunEachOpNamesTheBackwardFunctionsItCreated() throws Exception {
    Graph graph;
    try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope();
        ExportedProgram program = ExportedProgram.load(ExportedProgramFidelityTest.Pt2Files.model("mha"))) {
      graph = program.run(program.sampleInputs()).forwardGraph();
    }

    List<String> linears = graph.nodes().stream().filter(n -> n.name().equals("aten.linear"))
        .map(n -> n.attributes().stream().filter(a -> a.name().equals("grad_fn")).findFirst().orElseThrow()
            .value().pythonText()).toList();
    // in_proj on a 3-d input: t, mm, _unsafe_view, add; out_proj on a 2-d input: t, addmm.
    assertThat(linears).containsExactly("TBackward0, MmBackward0, UnsafeViewBackward0, AddBackward0",
        "TBackward0, AddmmBackward0");
    assertThat(op(graph, "aten.layer_norm").attributes()).extracting(a -> a.name() + "=" + a.value().pythonText())
        .contains("grad_fn=NativeLayerNormBackward0");
    // Ops on tensors that need no grad create no backward function.
    assertThat(op(graph, "aten.transpose").attributes()).extracting(Attribute::name).doesNotContain("grad_fn");
  }

  @Test
  void everyWriterDrawsIt() throws Exception {
    Digraph digraph = Digraph.of(forward("mha"));

    assertThat(digraph.source()).startsWith("digraph {").contains("aten.bmm");
    Path svg = digraph.save(dir.resolve("f.svg"));
    assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile())
        .getDocumentElement().getTextContent()).contains("aten.softmax", "input x float32");
    BufferedImage png = ImageIO.read(digraph.save(dir.resolve("f.png")).toFile());
    assertThat(png.getWidth()).isGreaterThan(200);
    assertThat(png.getHeight()).isGreaterThan(png.getWidth());
    try (PDDocument pdf = Loader.loadPDF(digraph.save(dir.resolve("f.pdf")).toFile())) {
      assertThat(new PDFTextStripper().getText(pdf)).contains("aten.transpose");
    }
    assertThat(Files.readString(digraph.save(dir.resolve("f.html")))).contains("aten.linear");
    assertThat(Files.readString(digraph.save(dir.resolve("f.json"), Format.JSON))).contains("aten.linear");
  }
}
