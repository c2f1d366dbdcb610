package io.github.torchviz4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON mapper of the {@code check} and {@code diff} commands. A class of its own, so that
 * Jackson starts only when a run writes JSON: picocli makes every subcommand at start-up, and a
 * static mapper in them cost every drawing run Jackson's class initialisation.
 */
final class CliJson {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CliJson() {}
}
