/** Keeps one panel's failure from blanking the page: shows the error where the panel was. */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  name: string;
  children: ReactNode;
}
interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };
  static getDerivedStateFromError(error: Error): State {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.name} failed:`, error, info.componentStack);
  }
  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="banner error" role="alert" style={{ margin: 10 }}>
        The {this.props.name} stopped with an error: {this.state.error.message}. Your scenario is unchanged and still saved.{' '}
        <button className="btn" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
