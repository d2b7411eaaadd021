import Link from 'next/link';
import type { CurrentUser } from '@/lib/types';

interface NavItem {
  href: string;
  label: string;
}

const signedOutLinks: NavItem[] = [
  { href: '/auth/signup', label: 'Sign Up' },
  { href: '/auth/signin', label: 'Sign In' },
];

const signedInLinks: NavItem[] = [
  { href: '/tickets/new', label: 'Sell Tickets' },
  { href: '/orders', label: 'My Orders' },
  { href: '/auth/signout', label: 'Sign Out' },
];

export function Header({ user }: { user: CurrentUser | null }) {
  const links = user ? signedInLinks : signedOutLinks;
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link href="/" className="brand">
          Ticketing
        </Link>
        <nav aria-label="Main">
          <ul className="nav-links">
            {links.map((link) => (
              <li key={link.href}>
                {/* Prefetching sign-out would be harmless (it acts on mount), but there is nothing to gain. */}
                <Link href={link.href} prefetch={link.href === '/auth/signout' ? false : undefined}>
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
