package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Torchviz4jException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not sound TorchScript archives: each refused with a message, none crashes. */
class TorchScriptBadFilesTest {
  @TempDir Path dir;

  @Test
  void emptyFileIsNotAnArchive() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.pt"));

    assertThatThrownBy(() -> TorchScriptModel.load(empty))
        .isInstanceOf(Torchviz4jException.class).hasMessageContaining("not a TorchScript archive");
  }

  @Test
  void randomBytesAreNotAnArchive() throws IOException {
    byte[] noise = new byte[100_000];
    new Random(7).nextBytes(noise);
    Path random = Files.write(dir.resolve("random.pt"), noise);

    assertThatThrownBy(() -> TorchScriptModel.load(random))
        .isInstanceOf(Torchviz4jException.class).hasMessageContaining("not a TorchScript archive");
  }

  @Test
  void truncatedArchiveIsNamedDamaged() throws IOException {
    Path model = TorchScriptFiles.copy("neuron", "model.pt", dir);
    byte[] bytes = Files.readAllBytes(model);
    Path truncated = Files.write(dir.resolve("truncated.pt"), Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> TorchScriptModel.load(truncated))
        .isInstanceOf(Torchviz4jException.class).hasMessageContaining("damaged or truncated");
    assertThatThrownBy(() -> TensorFiles.load(truncated))
        .isInstanceOf(Torchviz4jException.class).hasMessageContaining("damaged or truncated");
  }

  @Test
  void zipBombIsRefusedBeforeLibtorchUnpacksIt() throws IOException {
    Path bomb = dir.resolve("bomb.pt");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
      zip.putNextEntry(new ZipEntry("bomb/code/__torch__.py"));
      zip.write("def forward(self, x):\n  return x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("bomb/constants.pkl"));
      zip.write(new byte[16]);
      zip.putNextEntry(new ZipEntry("bomb/data/0"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }

    assertThatThrownBy(() -> TorchScriptModel.load(bomb))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("zip bombs")
        .hasMessageContaining("bomb/data/0");
  }

  @Test
  void archiveOfSomethingElseIsRefused() throws IOException {
    Path other = dir.resolve("other.pt");
    try (OutputStream out = Files.newOutputStream(other); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("readme.txt"));
      zip.write(new byte[] {'h', 'i'});
    }

    assertThatThrownBy(() -> TorchScriptModel.load(other)).isInstanceOf(Torchviz4jException.class);
  }
}
