import { type ReactNode, useEffect, useRef } from 'react';
import { t } from '../i18n';

/**
 * The view's h1. It takes focus when the view opens, so keyboard and screen-reader users
 * land on the new page's title after navigating, and it sets the document title.
 */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('Collective Ledger')}`;
    ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
