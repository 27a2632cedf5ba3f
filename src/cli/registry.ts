/**
 * The commands of `plan`, in the order `plan --help` lists them. Adding a command is one file,
 * `src/cli/commands/<name>.ts` exporting `command: CommandModule` (see command.ts), plus one line
 * here. Modules load on first use, so a command never pays for another's imports.
 */
import type { CommandModule } from './command';

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<{ command: CommandModule }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'states', summary: 'state vectors of every satellite at one time (CSV)', load: () => import('./commands/states') },
  {
    name: 'analyze',
    summary: 'capacity rollup, analytic or sampled (text, JSON, per-satellite CSV)',
    load: () => import('./commands/analyze'),
  },
  { name: 'report', summary: 'feasibility report (one self-contained HTML file)', load: () => import('./commands/report') },
  {
    name: 'sweep',
    summary: 'trade study: sweep one or two fields, find the best value (table, JSON, CSV)',
    load: () => import('./commands/sweep'),
  },
  { name: 'compare', summary: '2 to 4 scenarios side by side, differences marked', load: () => import('./commands/compare') },
  { name: 'ephemeris', summary: 'states over time: CCSDS OEM, STK .e or CSV', load: () => import('./commands/ephemeris') },
  { name: 'export', summary: "the fleet's mean elements for other tools (TLE, OMM)", load: () => import('./commands/export') },
  { name: 'embed', summary: 'standalone viewer: one HTML file with the scenario, opens offline', load: () => import('./commands/embed') },
];
