/** Progress of the current long task (import, sampled analysis, export) with a cancel button. */
import { useWs } from './workspace';

export function ProgressBar() {
  const task = useWs((s) => s.task);
  if (!task) return null;
  const pct = task.fraction === null ? null : Math.round(task.fraction * 1000) / 10;
  return (
    <div className="progress" data-testid="progress">
      <span className="label">{task.label}</span>
      <div
        className="bar"
        role="progressbar"
        aria-label={task.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
        aria-valuetext={task.detail || undefined}
      >
        <div className={`fill${pct === null ? ' indeterminate' : ''}`} style={{ width: `${pct ?? 0}%` }} />
      </div>
      <span className="label muted">
        {pct === null ? '' : `${pct} %`} {task.detail}
      </span>
      {task.cancel ? (
        <button className="btn" onClick={task.cancel} data-testid="cancel-task">
          Cancel
        </button>
      ) : null}
    </div>
  );
}
