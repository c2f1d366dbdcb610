package io.github.torchviz4j.pytorch.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.pytorch.export.ProgramJson.ModuleFrame;
import org.junit.jupiter.api.Test;

/** Reading the parts of the serialized program that running and drawing need. */
class ProgramJsonTest {

  @Test
  void moduleStackGivesPathsAndClassesOutermostFirst() {
    assertThat(ProgramJson.moduleStack("L__self__,,m.Seq2Seq;L__self__t.encoder,t.encoder,torch.nn.modules"
        + ".transformer.TransformerEncoder")).containsExactly(new ModuleFrame("", "m.Seq2Seq"),
        new ModuleFrame("t.encoder", "torch.nn.modules.transformer.TransformerEncoder"));
  }

  @Test
  void olderPathSpellingsAreNormalisedToDottedNames() {
    assertThat(ProgramJson.normalisePath("L['self'].layers[0].attn")).isEqualTo("layers.0.attn");
    assertThat(ProgramJson.normalisePath("L['self'].blocks['b1']")).isEqualTo("blocks.b1");
    assertThat(ProgramJson.normalisePath("encoder.layers.0")).isEqualTo("encoder.layers.0");
    assertThat(ProgramJson.normalisePath("")).isEmpty();
  }

  @Test
  void emptyStackIsTheRoot() {
    assertThat(ProgramJson.moduleStack("")).isEmpty();
  }
}
