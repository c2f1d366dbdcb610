package io.github.torchviz4j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.TestGraphs;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.SampleGraphs;
import io.github.torchviz4j.render.png.PngWriter;
import io.github.torchviz4j.render.svg.SvgWriter;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Each thing computed once: a scene's drawings and layouts. */
class SceneTest {

  @Test
  void picturesOfOneKindShareOneDrawingAndOneLayout() {
    Scene scene = Scene.of(TestGraphs.twoLayersPlaced(), RenderOptions.defaults().withDepth(1));

    Layout svg = scene.layout(Format.SVG);

    assertThat(scene.layout(Format.PNG)).isSameAs(svg);
    assertThat(scene.layout(Format.PDF)).isSameAs(svg);
    assertThat(scene.drawing(Format.PNG)).isSameAs(scene.drawing(Format.SVG));
    assertThat(scene.layout(Format.HTML)).as("the viewer keeps every module open").isNotSameAs(svg);
    assertThat(scene.drawing(Format.HTML).options().collapsedDepth()).isEqualTo(1);
    assertThat(scene.drawing(Format.HTML).options().depth()).isZero();
    assertThat(scene.drawing(Format.JSON).options().clusters()).isTrue();
  }

  @Test
  void aDigraphLaysOutOnceForAnSvgAndAPng() throws Exception {
    Digraph digraph = Digraph.of(SampleGraphs.mlp(2));
    ByteArrayOutputStream svg = new ByteArrayOutputStream();
    ByteArrayOutputStream again = new ByteArrayOutputStream();

    digraph.render(Format.SVG, svg);
    digraph.render(Format.PNG, new ByteArrayOutputStream());
    digraph.render(Format.SVG, again);

    assertThat(again.toByteArray()).isEqualTo(svg.toByteArray());
    assertThat(new String(svg.toByteArray(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(new String(render(Format.SVG), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aTooLargeDrawingIsRefusedBeforeLayout() {
    Scene scene = Scene.of(SampleGraphs.chain(50), RenderOptions.defaults().withMaxLayoutNodes(10));

    assertThatThrownBy(() -> scene.layout(Format.SVG)).isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("more than the 10 a SVG picture may have");
  }

  private static byte[] render(Format format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GraphWriter writer = switch (format) {
      case SVG -> new SvgWriter();
      case PNG -> new PngWriter();
      default -> throw new IllegalArgumentException("no picture writer for " + format + " in this test");
    };
    writer.write(SampleGraphs.mlp(2), RenderOptions.defaults(), out);
    return out.toByteArray();
  }
}
