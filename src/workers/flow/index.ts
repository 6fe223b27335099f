/** Dense optical flow for two-stream models: in this thread (createFlowComputer) or in a worker (FlowWorker). */
export { createFlowComputer, DEFAULT_FLOW, type FlowComputer, type FlowParams } from './farneback.js';
export { FlowWorker } from './client.js';
export { FLOW_WORKER_ENTRY, type FlowRequest, type FlowResponse } from './protocol.js';
