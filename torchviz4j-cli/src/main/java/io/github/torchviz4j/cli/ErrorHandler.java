package io.github.torchviz4j.cli;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.pytorch.LibtorchUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place failures become messages and exit codes: the message on one line, the stack trace
 * only with {@code --verbose}; 3 when libtorch is missing, 1 otherwise. A usage error prints its
 * message and a pointer to {@code --help} (picocli's short-message convention), not the whole help,
 * and exits with 2.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException error, String[] args) {
    CommandLine commandLine = error.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String name = commandLine.getCommandSpec().qualifiedName();
    err.println(name + ": " + error.getMessage());
    UnmatchedArgumentException.printSuggestions(error, err);
    err.println("Try '" + name + " --help' for more information.");
    err.flush();
    return commandLine.getCommandSpec().exitCodeOnInvalidInput();
  }

  @Override
  public int handleExecutionException(Exception error, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean verbose = parseResult.hasMatchedOption("--verbose");
    boolean expected = error instanceof Torchviz4jException || error instanceof IOException;
    String message = expected ? String.valueOf(error.getMessage()) : "internal error: " + error;
    err.println("torchviz4j: " + message);
    if (verbose) {
      error.printStackTrace(err);
    } else if (!expected) {
      err.println("torchviz4j: run again with --verbose for the stack trace, and please report it");
    }
    err.flush();
    return error instanceof LibtorchUnavailableException ? ExitCode.LIBTORCH_MISSING : ExitCode.FAILURE;
  }
}
