import { z } from "zod";

/**
 * The forgiving argument schemas of tools, which marrowc emits for every declared tool (generated
 * `xxxParams`). Small models send `null` for an absent optional, numbers as strings and `""` for
 * "nothing"; those are accepted. A required string must not be empty unless the tool declares it
 * `may_be_empty` (file content, replacement text).
 */

const nullToUndefined = (v: unknown): unknown => (v === null ? undefined : v);

const toInt = (v: unknown): unknown => {
  if (typeof v === "string" && /^\s*[-+]?\d+\s*$/.test(v)) return Number(v);
  if (typeof v === "number" && Number.isFinite(v) && Math.abs(v - Math.round(v)) < 1e-9) return Math.round(v);
  return v;
};

/** A required non-empty string. */
const requiredString = () => z.string({ error: "must be a string" }).min(1, { error: "must not be empty" });

/** A required string that may be empty (file content, replacement text). */
const anyString = () => z.string({ error: "must be a string" });

/** An optional string; `null` and "" count as absent. */
const optionalString = () =>
  z.preprocess(
    (v) => (v === null || v === "" ? undefined : v),
    z.string({ error: "must be a string" }).optional(),
  );

/** A required integer; numeric strings are converted. */
const requiredInt = () =>
  z.preprocess(toInt, z.number({ error: "must be an integer" }).int({ error: "must be an integer" }));

/** An optional integer; `null` counts as absent and numeric strings are converted. */
const optionalInt = () =>
  z.preprocess(
    (v) => toInt(nullToUndefined(v)),
    z.number({ error: "must be an integer" }).int({ error: "must be an integer" }).optional(),
  );

/** The schema makers of tool arguments, by the declared parameter's type. */
export const toolArg = Object.freeze({ requiredString, anyString, optionalString, requiredInt, optionalInt });
