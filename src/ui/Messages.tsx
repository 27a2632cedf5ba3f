/**
 * Messages (info, warnings, errors) in the bottom-left corner, over the end of the editor rather
 * than the figures. Info goes after 8 s and warnings after 20 s; errors stay until dismissed.
 * At most three are shown, newest last; older ones fold into "N more" (expand to see them).
 */
import { useEffect, useState } from 'react';
import { useWorkspace, useWs } from './workspace';

const LIFETIME_MS = { info: 8000, warning: 20000 } as const;
const SHOWN = 3;

export function Messages() {
  const messages = useWs((s) => s.messages);
  const { actions } = useWorkspace();
  const [expanded, setExpanded] = useState(false);
  useEffect(() => {
    const timers = messages
      .filter((m) => m.level !== 'error')
      .map((m) => setTimeout(() => actions.dismiss(m.id), LIFETIME_MS[m.level as 'info' | 'warning']));
    return () => timers.forEach(clearTimeout);
  }, [messages, actions]);
  useEffect(() => {
    if (messages.length <= SHOWN) setExpanded(false);
  }, [messages.length]);
  const hidden = expanded ? 0 : Math.max(0, messages.length - SHOWN);
  return (
    <div className="messages" aria-live="polite" data-testid="messages">
      {hidden > 0 ? (
        <div className="messages-more">
          <button type="button" className="btn link" onClick={() => setExpanded(true)}>
            {hidden} more message{hidden > 1 ? 's' : ''}
          </button>
          <button
            type="button"
            className="btn link"
            onClick={() => {
              for (const m of messages) actions.dismiss(m.id);
            }}
          >
            Dismiss all
          </button>
        </div>
      ) : null}
      {messages.slice(hidden).map((m) => (
        <div key={m.id} className={`message ${m.level}`} role={m.level === 'error' ? 'alert' : 'status'} data-level={m.level}>
          <span className="text">{m.text}</span>
          <button className="btn icon" aria-label="Dismiss message" onClick={() => actions.dismiss(m.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
