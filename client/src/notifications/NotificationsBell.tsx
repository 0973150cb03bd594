import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import type { NotificationFieldsFragment } from '../gql/graphql';
import {
  MarkNotificationsReadMutation,
  MyNotificationsSubscription,
  NotificationsQuery,
} from '../operations/notifications';
import { KIND_TAGS, NOTIFICATIONS_SHOWN } from './constants';
import { relativeTime } from './relative-time';
import './notifications.css';

/** "Notifications, 3 unread": what the bell is called, count included. */
export const bellLabel = (unread: number): string =>
  unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;

/**
 * The header's bell: the unread count, kept live by `myNotifications` (graphcache's
 * updater puts each new one at the top of the page, see data/cache.ts), and a panel
 * listing the latest. Reads in another tab arrive as no event: the page is read again
 * when this tab comes back into view.
 */
export function NotificationsBell() {
  const [open, setOpen] = useState(false);
  const [{ data }, refetch] = useQuery({ query: NotificationsQuery, variables: { first: NOTIFICATIONS_SHOWN } });
  useSubscription({ query: MyNotificationsSubscription });
  const [, markRead] = useMutation(MarkNotificationsReadMutation);
  const navigate = useNavigate();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const reread = () => {
      if (document.visibilityState === 'visible') refetch({ requestPolicy: 'network-only' });
    };
    document.addEventListener('visibilitychange', reread);
    window.addEventListener('focus', reread);
    return () => {
      document.removeEventListener('visibilitychange', reread);
      window.removeEventListener('focus', reread);
    };
  }, [refetch]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const page = data?.notifications;
  const unread = page?.unread ?? 0;
  const items = page?.items ?? [];

  const follow = async (notification: NotificationFieldsFragment) => {
    setOpen(false);
    if (!notification.readAt) await markRead({ ids: [notification.id] });
    await navigate({ to: notification.link });
  };

  return (
    <div className="bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="button button-ghost button-small bell-button"
        aria-label={bellLabel(unread)}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <section id={panelId} className="bell-panel" aria-label="Notifications">
          <div className="bell-panel-head">
            <h2 className="bell-panel-title">Notifications</h2>
            <button
              type="button"
              className="button button-ghost button-small"
              disabled={unread === 0}
              onClick={() => void markRead({})}
            >
              Mark all read
            </button>
          </div>
          {items.length === 0 ? (
            <p className="bell-empty">Nothing yet. Mentions, replies, signature requests and due dates show here.</p>
          ) : (
            <ul className="bell-list">
              {items.map((notification) => (
                <li key={notification.id} className={notification.readAt ? 'bell-item' : 'bell-item bell-item-unread'}>
                  <a
                    href={notification.link}
                    className="bell-link"
                    onClick={(event) => {
                      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                      event.preventDefault();
                      void follow(notification);
                    }}
                  >
                    {!notification.readAt && <span className="visually-hidden">Unread: </span>}
                    {KIND_TAGS[notification.kind] && (
                      <span className="badge badge-warning bell-tag">
                        {KIND_TAGS[notification.kind]}
                        <span className="visually-hidden">: </span>
                      </span>
                    )}
                    <span className="bell-text">{notification.text}</span>
                    <time className="bell-time" dateTime={notification.createdAt}>
                      {relativeTime(notification.createdAt)}
                    </time>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true" focusable="false">
      <path
        d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15L6 16Zm4 3.5a2 2 0 0 0 4 0"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
    </svg>
  );
}
