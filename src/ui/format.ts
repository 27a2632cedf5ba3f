/** Number formatting for panels (shared with the report builder in src/core/report). */
export * from '../core/format';
