package io.github.torchviz4j.render.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.BackwardGraphs;
import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.render.RenderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The viewer's backward stepper in a real headless Chromium, on the seed neuron's pass: stepping
 * shows 0.42 on the edge into AddmmBackward0 (checked in the canvas pixels too), explains each
 * function in English and Japanese, and runs to the end. The screenshot of the AddmmBackward0
 * step goes to {@code target/viewer-test/stepper-addmm.png}.
 */
class HtmlViewerStepperTest {
  @BeforeEach
  void browserAndNodeArePresent() {
    Browser.require("HtmlViewerStepperTest");
  }

  @Test
  void steppingThroughTheSeedShowsTheGradientIntoAddmm() throws Exception {
    Files.createDirectories(Browser.OUTPUT);
    Path html = new Digraph(BackwardGraphs.neuron(), RenderOptions.defaults().withShowBackward(true))
        .save(Browser.OUTPUT.resolve("stepper.html"));
    Map<String, Object> plan = HtmlViewerBrowserTest.basePlan("stepper", BackwardGraphs.neuron(), html);
    plan.put("mode", "stepper");
    plan.put("expectNodes", BackwardGraphs.neuron().nodes().size() + 1);   // and the note on the labels
    plan.put("intoAddmm", List.of("n2", "n1"));
    plan.put("weightId", "n7");   // AddmmBackward0 -> TanhBackward0: its gradient flows back into Addmm
    plan.put("expectSteps", List.of("TanhBackward0", "AddmmBackward0", "AccumulateGrad", "TBackward0", "AccumulateGrad"));
    Path screenshot = Browser.OUTPUT.resolve("stepper-addmm.png");
    plan.put("stepScreenshot", screenshot.toString());

    Browser.Result result = Browser.run("stepper", HtmlViewerBrowserTest.json(plan));

    result.assertPassed("loads", "stepper-visible", "stepper-labels-painted", "stepper-first-step",
        "stepper-explains-tanh", "stepper-sent-label-painted", "stepper-japanese", "stepper-addmm-receives-0.42",
        "stepper-received-label-painted", "stepper-svg-export", "stepper-details-traced-grad", "stepper-runs-to-the-end", "stepper-steps-back", "no-console-errors",
        "no-network");
    assertThat(screenshot).isNotEmptyFile();
  }

  @Test
  void withoutABackwardPassTheStepperStaysHidden() throws Exception {
    Files.createDirectories(Browser.OUTPUT);
    Path html = new Digraph(BackwardGraphs.neuron(), RenderOptions.defaults()).save(Browser.OUTPUT.resolve("no-stepper.html"));
    Map<String, Object> plan = HtmlViewerBrowserTest.basePlan("no-stepper", BackwardGraphs.neuron(), html);
    plan.put("mode", "stepper");
    plan.put("expectNoStepper", true);

    Browser.run("no-stepper", HtmlViewerBrowserTest.json(plan)).assertPassed("loads", "stepper-absent", "no-console-errors");
  }
}
