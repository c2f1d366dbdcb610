package io.github.torchviz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.render.Engine;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The warm-up's made-up model: it must draw, or the warm-up fails silently and warms nothing. */
class WarmUpTest {
  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"SVG", "PNG", "PDF", "HTML"})
  void theSampleDrawsInEveryPictureFormat(Format format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new Digraph(WarmUp.sample(), RenderOptions.defaults()).render(format, out);
    assertThat(out.size()).isGreaterThan(1_000);
  }

  @Test
  void warmsUpOnlyWhenTheEmbeddedLayoutRuns() {
    RenderOptions elk = RenderOptions.defaults();
    RenderOptions graphviz = elk.withEngine(Engine.GRAPHVIZ);

    assertThat(WarmUp.helps(Format.SVG, elk)).isTrue();
    assertThat(WarmUp.helps(Format.PNG, elk)).isTrue();
    assertThat(WarmUp.helps(Format.PDF, elk)).isTrue();
    assertThat(WarmUp.helps(Format.HTML, graphviz)).as("the viewer is always laid out by ELK").isTrue();
    assertThat(WarmUp.helps(Format.SVG, graphviz)).as("dot draws it").isFalse();
    assertThat(WarmUp.helps(Format.DOT, elk)).isFalse();
    assertThat(WarmUp.helps(Format.JSON, elk)).isFalse();
  }

  @Test
  void theSampleHasTheShapeOfACnnWithAModuleClusterPerBlock() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // The command draws module clusters by default, so the warm-up lays them out too.
    new Digraph(WarmUp.sample(), RenderOptions.defaults().withClusters(true)).render(Format.SVG, out);
    String svg = out.toString(StandardCharsets.UTF_8);

    assertThat(Pattern.compile("class=\"cluster\"").matcher(svg).results().count()).isEqualTo(13);
    assertThat(svg).contains("ConvolutionBackward0", "NativeBatchNormBackward0", "AddBackward0", "AccumulateGrad");
  }
}
