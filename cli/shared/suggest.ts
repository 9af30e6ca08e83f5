/**
 * "Did you mean": the one edit-distance helper of SmallCode (the compiler's, which ranks names the way
 * its diagnostics do), offered here so the CLIs use it without reaching into the compiler's internals.
 */
export { didYouMean, editDistance, suggestionThreshold } from "../../compiler/diagnostics/suggest.ts";
