package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of identical consecutive sibling modules that {@link ModuleFold} draws once: what an
 * interactive viewer needs to fold and unfold it on the complete graph. Immutable.
 *
 * @param module the kept first module, folded: its {@link ModuleInfo#foldedThrough()} is the last
 *     copy and its {@link ModuleInfo#count()} the number of modules in the run, the first included
 *     ({@code layers.1}, through {@code layers.47}, 47)
 * @param copies the other modules of the run, in forward order ({@code layers.2} … {@code layers.47})
 * @param keptNodes each node inside a copy (descendant modules included) mapped to the node of the
 *     first module it corresponds to, position by position in forward order, copies in order; one
 *     step only: when the first module folds runs of its own children, a kept node may itself be a
 *     copy in such an inner group
 */
public record FoldGroup(ModuleInfo module, List<String> copies, Map<String, String> keptNodes) {

  /**
   * Validates and copies the fields.
   *
   * @param module the kept first module, folded
   * @param copies the other modules of the run
   * @param keptNodes copy node id to kept node id
   */
  public FoldGroup {
    Checks.notNull(module, "folded module");
    copies = List.copyOf(copies);
    Checks.check(module.count() == copies.size() + 1 && !copies.isEmpty()
        && module.foldedThrough().equals(copies.get(copies.size() - 1)),
        "fold group '" + module.path() + "' counts " + module.count() + " modules through '"
            + module.foldedThrough() + "' but has the copies " + copies + "; give one copy per module after the first");
    keptNodes = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(keptNodes, "kept nodes")));
  }
}
