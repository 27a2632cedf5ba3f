/**
 * Scenario -> fleet, including the imported shells (their element text is parsed here).
 * The app runs this in a worker; the CLI runs it directly. Pure core.
 */
import { parseElements } from '../elements';
import type { ElementColumns } from '../elements/columns';
import type { ImportIssue } from '../elements/types';
import type { Scenario } from '../scenario/schema';
import { buildFleet, type ImportedElementsById } from './generators';
import type { Fleet } from './fleet';

export interface ShellImportReport {
  shellId: string;
  shellName: string;
  format: string;
  accepted: number;
  rejected: ImportIssue[];
  warnings: ImportIssue[];
}

export interface ScenarioFleet {
  fleet: Fleet;
  imports: ShellImportReport[];
}

/** Parse every enabled imported shell and build the fleet. */
export function fleetFromScenario(scenario: Scenario): ScenarioFleet {
  const imported: ImportedElementsById = new Map<string, ElementColumns>();
  const imports: ShellImportReport[] = [];
  for (const sh of scenario.shells) {
    if (sh.kind !== 'imported' || !sh.enabled) continue;
    const r = parseElements(sh.text, { acceptBadChecksums: sh.acceptBadChecksums });
    imported.set(sh.id, r.columns);
    imports.push({
      shellId: sh.id,
      shellName: sh.name,
      format: r.format,
      accepted: r.accepted,
      rejected: r.rejected,
      warnings: r.warnings,
    });
  }
  return { fleet: buildFleet(scenario, { imported }), imports };
}
