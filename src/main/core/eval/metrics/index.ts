export * from './clip.js';
export * from './detection.js';
export * from './segmentation.js';
export * from './significance.js';
