import { type MouseEvent, type ReactNode, useEffect, useState } from 'react';

/** The app's location: a path and its query. */
export interface Route {
  readonly path: string;
  readonly query: URLSearchParams;
}

function current(): Route {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

/** Goes to `to` inside the app without a reload. */
export function navigate(to: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
  if (!replace) window.scrollTo(0, 0);
}

/** The current route, updated on every navigation. */
export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const on = () => setRoute(current());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return route;
}

/** An anchor that navigates inside the app (a modified click still opens a new tab). */
export function Link(props: { to: string; children: ReactNode; className?: string; onClick?: () => void }) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    props.onClick?.();
    navigate(props.to);
  };
  return (
    <a href={props.to} className={props.className} onClick={click}>
      {props.children}
    </a>
  );
}
