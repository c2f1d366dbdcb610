/**
 * The {@code torchviz4j} command: draws the autograd graph of a TorchScript model from the shell.
 */
@NullMarked
package io.github.torchviz4j.cli;

import org.jspecify.annotations.NullMarked;
