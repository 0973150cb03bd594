import { Component, type ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  /** Names the part that failed, e.g. "the brief editor". */
  what: string;
  children: ReactNode;
}

/** Keeps the rest of the page usable when one part fails to load or render. */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="stack">
        <ErrorAlert message={`Could not load ${this.props.what}. Check your connection and reload the page.`} />
        <div>
          <button type="button" className="button button-secondary" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  }
}
