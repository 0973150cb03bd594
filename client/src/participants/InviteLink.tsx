import { useId, useState } from 'react';

/** An invitation link as the address to send: the server answers with a path on itself. */
export const absoluteLink = (path: string): string => new URL(path, window.location.origin).href;

/** An invitation link to hand over, with a button that copies it. */
export function InviteLink({ link }: { link: string }) {
  const id = useId();
  const [status, setStatus] = useState('');
  const url = absoluteLink(link);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Link copied.');
    } catch {
      setStatus('Could not copy: select the link and copy it yourself.');
    }
  };

  return (
    <div className="invite-link">
      <div className="inline-form">
        <div className="field field-grow">
          <label htmlFor={`${id}-link`}>Invitation link</label>
          <input id={`${id}-link`} readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
        </div>
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      <p className="status-text" role="status">
        {status}
      </p>
    </div>
  );
}
