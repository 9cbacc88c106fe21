export * from './kinds.js';
export * from './exif-time.js';
export * from './compare.js';
export * from './records.js';
