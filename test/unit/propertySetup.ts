/**
 * vitest setup for the unit project: every fast-check run without its own parameters gets the
 * fixed seed (or PROPERTY_SEED / PROPERTY_RUNS) and the replay line too (./propertyRuns.ts).
 */
import fc from 'fast-check';
import { propertyRuns } from './propertyRuns';

fc.configureGlobal(propertyRuns(100));
