// The package's public surface: explicit named exports only.
export { createEmulator, type Emulator, type EmulatorOptions } from "./emulator/emulator.js";
export { type EmulatorServer, startEmulatorServer } from "./emulator/server.js";
export { type FaultRuleInput, type FaultRuleSet, parseFaultRules } from "./emulator/faults/rules.js";
export { type FaultService, faultService, type FiredFault } from "./emulator/faults/service.js";
export { effectOf, pathParams, toHttpRequest } from "./operations/derive.js";
export { findByCommand, findOperation, operations } from "./operations/index.js";
export type { AnyOperation, Effect, KeyKind, Operation, Pagination, Reconcile } from "./operations/types.js";
export { buildClient, type Client, type ClientMethod } from "./surfaces/client.js";
export { createToolkit, type RunOptions, type Toolkit, type ToolResult } from "./surfaces/toolkit.js";
export { annotationsOf, inputJsonSchema, outputJsonSchema, TOOL_FORMATS, type ToolFormat, toolDefinitions } from "./surfaces/tools.js";
export type { CallMeta, DriftFinding } from "./verifier/context.js";
export { type ErrorBody, type InputIssue, ToolkitError, type ToolkitErrorType } from "./verifier/errors.js";
export type { KeySource } from "./verifier/key-source.js";
export type { Policy, ToolkitOptions } from "./verifier/options.js";
export { searchAudit, tailAudit } from "./audit/reader.js";
