import type { CheckContext } from "../context.ts";
import { AgentToolsRule } from "./AgentTools.ts";
import { CacheKeysRule } from "./CacheKeys.ts";
import { CostBudgetsRule } from "./CostBudgets.ts";
import { EmbeddedModelsRule } from "./EmbeddedModels.ts";
import { EvaluationCasesRule } from "./EvaluationCases.ts";
import { ExtensionPointTemplatesRule } from "./ExtensionPointTemplates.ts";
import { KnownFieldKeysRule } from "./KnownFieldKeys.ts";
import { KnownImportsRule } from "./KnownImports.ts";
import { KnownReferencesRule } from "./KnownReferences.ts";
import { KnownTemplateVariablesRule } from "./KnownTemplateVariables.ts";
import { KnownTypesRule } from "./KnownTypes.ts";
import { ModelEnvelopeRule } from "./ModelEnvelope.ts";
import { NoEffectFieldsRule } from "./NoEffectFields.ts";
import { NoUnusedParametersRule } from "./NoUnusedParameters.ts";
import { PromptModelSourceRule } from "./PromptModelSource.ts";
import { RequiredFieldsRule } from "./RequiredFields.ts";
import { RouterInputsRule } from "./RouterInputs.ts";
import { RouterTiersRule } from "./RouterTiers.ts";
import { ToolAliasesRule } from "./ToolAliases.ts";
import { UniqueDeclarationNamesRule } from "./UniqueDeclarationNames.ts";
import { UniqueEnumMembersRule } from "./UniqueEnumMembers.ts";
import { UniqueFieldKeysRule } from "./UniqueFieldKeys.ts";
import { UniqueParametersRule } from "./UniqueParameters.ts";
import { ValidConstraintsRule } from "./ValidConstraints.ts";
import { ValidEnvReferencesRule } from "./ValidEnvReferences.ts";
import { ValidFieldValuesRule } from "./ValidFieldValues.ts";
import { ValidTemplateSyntaxRule } from "./ValidTemplateSyntax.ts";

/** A check rule: reads the context and reports diagnostics through `ctx.report`. */
export type Rule = (ctx: CheckContext) => void;

/**
 * Every rule, in the order they run: files and declarations first, then the shape of each
 * declaration (keys, values), then references and types, then templates, then the rules of each
 * construct. Diagnostics are sorted by position afterwards, so the order only matters for the
 * per-file error cap.
 */
export const allRules: readonly Rule[] = [
  KnownImportsRule,
  UniqueDeclarationNamesRule,
  KnownFieldKeysRule,
  NoEffectFieldsRule,
  UniqueFieldKeysRule,
  RequiredFieldsRule,
  ValidFieldValuesRule,
  ValidEnvReferencesRule,
  KnownReferencesRule,
  PromptModelSourceRule,
  KnownTypesRule,
  UniqueParametersRule,
  UniqueEnumMembersRule,
  ValidTemplateSyntaxRule,
  KnownTemplateVariablesRule,
  NoUnusedParametersRule,
  ExtensionPointTemplatesRule,
  ModelEnvelopeRule,
  EmbeddedModelsRule,
  RouterTiersRule,
  RouterInputsRule,
  AgentToolsRule,
  ToolAliasesRule,
  ValidConstraintsRule,
  CacheKeysRule,
  CostBudgetsRule,
  EvaluationCasesRule,
];
