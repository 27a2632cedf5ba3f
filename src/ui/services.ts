/**
 * The page services the panels use, as interfaces. src/app/services.ts implements them with the
 * browser's APIs (downloads, IndexedDB, the element-import cache, the report writers, the element
 * export); src/app/main.tsx builds them and src/app/App.tsx provides them in the workspace context
 * (./workspace.ts `useWorkspace().services`). Panels never import src/app (lint rule `ui-not-app`),
 * so the panels depend on these interfaces only (test/unit/ui renders them in Node).
 */
import type { AnalysisWindowMs } from '../core/analysis/window';
import type { PerSatelliteMetrics } from '../core/analysis/metrics';
import type { Rollup } from '../core/analysis/rollup';
import type { ImportResult } from '../core/elements';
import type { ExportFormat } from '../core/fleet/export';
import type { Fleet } from '../core/fleet/fleet';
import type { ScenarioResult } from '../core/scenario/load';
import type { Scenario } from '../core/scenario/schema';

/** The scenario's derived figures as the panels read them (made by src/app/analysis.ts `useAnalysis`). */
export interface AnalysisState {
  fleet: Fleet | null;
  /** Scenario the fleet and analytic figures belong to. */
  scenario: Scenario | null;
  analytic: { metrics: PerSatelliteMetrics; rollup: Rollup; ms: number } | null;
  sampled: {
    metrics: PerSatelliteMetrics;
    rollup: Rollup;
    ms: number;
    scenario: Scenario;
    window: AnalysisWindowMs;
    notes: string[];
  } | null;
  computing: boolean;
  sampledRunning: boolean;
  error: string | null;
  runSampled: () => void;
}

/** A scenario read from a file, with the fields it held that this planner does not know (dropped). */
export type ScenarioFileResult = (ScenarioResult & { ok: false }) | (ScenarioResult & { ok: true; ignored: string[] });

export interface FileService {
  /** Offer `text` as a download named `name`. */
  downloadText(name: string, text: string, type?: string): void;
  /** Offer `blob` as a download named `name`. */
  downloadBlob(blob: Blob, name: string): void;
  /** Download the scenario as `<name>.scenario.json`. */
  saveScenarioFile(scenario: Scenario): void;
  /** Read and validate a picked scenario file; never throws. */
  readScenarioFile(file: File): Promise<ScenarioFileResult>;
}

export interface SavedScenarioInfo {
  id: string;
  name: string;
  updatedMs: number;
  satellites: number;
  bytes: number;
}

export type LoadResult = { ok: true; id: string; scenario: Scenario } | { ok: false; error: string };

/** Named scenarios kept by the browser (IndexedDB). */
export interface PersistenceService {
  newScenarioId(): string;
  saveScenario(id: string, scenario: Scenario, satellites: number): Promise<void>;
  listScenarios(): Promise<SavedScenarioInfo[]>;
  loadScenario(id: string): Promise<LoadResult>;
  deleteScenario(id: string): Promise<void>;
}

/** The embed and share side of the page. */
export interface EmbedService {
  /** The origins an embed with `origins=<list>` obeys (its own included), and warnings for entries that are not origins. */
  trustedOrigins(list: string | null, ownOrigin: string): { origins: Set<string>; warnings: string[] };
}

export interface CsvProgress {
  rows: number;
  total: number;
}

export interface ReportService {
  /** Write and download the report; false when there is no current analysis for `mode`. */
  downloadReport(analysis: AnalysisState, scenario: Scenario, mode: 'analytic' | 'sampled', format?: 'pdf' | 'html'): Promise<boolean>;
  /** The per-satellite CSV, written in slices with progress; `signal.cancelled` stops it. */
  downloadPerSatelliteCsv(
    analysis: AnalysisState,
    scenario: Scenario,
    mode: 'analytic' | 'sampled',
    onProgress: (p: CsvProgress) => void,
    signal: { cancelled: boolean },
  ): Promise<'done' | 'cancelled' | 'unavailable'>;
}

export interface ElementService {
  /** Record a parse the import dialog already did, so applying the import does not parse the text twice. */
  seedImport(shellId: string, text: string, accept: boolean, result: ImportResult): void;
  /** Export the fleet's elements (progress, cancel and the result message go through the workspace task and messages). */
  exportElements(fleet: Fleet, scenario: Scenario, format: ExportFormat, split?: number): Promise<void>;
}

export interface WorkspaceServices {
  files: FileService;
  persistence: PersistenceService;
  embed: EmbedService;
  report: ReportService;
  elements: ElementService;
}
