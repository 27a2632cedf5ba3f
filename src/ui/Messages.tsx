/** Messages (info, warnings, errors) in the corner; errors stay until dismissed. */
import { useEffect } from 'react';
import { useWorkspace, useWs } from '../app/context';

export function Messages() {
  const messages = useWs((s) => s.messages);
  const { actions } = useWorkspace();
  useEffect(() => {
    const timers = messages.filter((m) => m.level === 'info').map((m) => setTimeout(() => actions.dismiss(m.id), 8000));
    return () => timers.forEach(clearTimeout);
  }, [messages, actions]);
  return (
    <div className="messages" aria-live="polite">
      {messages.map((m) => (
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
