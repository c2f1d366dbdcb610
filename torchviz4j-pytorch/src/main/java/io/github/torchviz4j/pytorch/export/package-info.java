/**
 * Loads and runs {@code torch.export} archives ({@code .pt2}) on libtorch, to draw the autograd
 * graph of an exported program ({@link io.github.torchviz4j.pytorch.export.ExportedProgram}) and its
 * forward graph.
 */
@NullMarked
package io.github.torchviz4j.pytorch.export;

import org.jspecify.annotations.NullMarked;
