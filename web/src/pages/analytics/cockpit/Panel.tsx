import type { ReactNode } from 'react';

/** A titled box of the wall screen. */
export function Panel({ title, extra, children, testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="gg-panel" data-testid={testId}>
      <h3 className="gg-panel-title"><span>{title}</span>{extra}</h3>
      {children}
    </section>
  );
}
