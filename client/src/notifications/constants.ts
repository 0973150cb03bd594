/** How many notifications the bell's panel lists (the first page). */
export const NOTIFICATIONS_SHOWN = 20;
