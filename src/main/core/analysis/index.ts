/** The analysis engine: videos × models → per-frame probabilities, segments and stored runs. */
export { AnalysisService, parseRequest, toRunSummary, type AnalysisEvents, type AnalysisServiceOptions, type StartAnalysis } from './service.js';
export { JobRunner, defaultThreads, type JobRunnerOptions, type JobReport, type JobInput } from './job-runner.js';
export { runIdentity, canonicalJson, ENGINE_VERSION } from './run-identity.js';
export type { FlowComputer, FlowSpec } from './flow/flow-computer.js';
