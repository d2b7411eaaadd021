import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { getCurrentUser } from '@/lib/current-user';
import { Header } from '@/components/Header';
import './globals.css';

// The header depends on the visitor's session: render every page per request.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Ticketing', template: '%s · Ticketing' },
  description: 'Buy and sell tickets to events.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#1f3a8a',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const current = await getCurrentUser();
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <Header user={current.known ? current.user : null} />
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
